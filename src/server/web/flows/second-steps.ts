/**
 * The sign-in methods' second steps, by method (domain/cas/strengths.ts lists
 * the methods): what the password step hands over to once the password is
 * right. The password method has none; it completes at once.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoginContext } from '../../domain/cas/login-target';
import type { MethodId } from '../../domain/cas/strengths';
import type { Deps } from '../../domain/deps';
import { startPushStep } from './push-step';
import { startQrStep } from './qr-step';
import { webauthnCeremony } from './webauthn-step';

type SecondStep = (
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  uid: string,
  context: LoginContext,
) => Promise<FastifyReply>;

export const SECOND_STEPS: Record<Exclude<MethodId, 'password'>, SecondStep> = {
  'mobile-pin': startPushStep,
  'mobile-qr': (_request, reply, deps, uid, context) => startQrStep(reply, deps, uid, context),
  webauthn: (_request, reply, deps, uid, context) =>
    webauthnCeremony(reply, deps, context, { purpose: 'second-factor', uid }),
};
