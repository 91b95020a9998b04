/**
 * Signing in with "Security Key or Trusted Platform": after the password
 * (the credential must be that user's), or passwordless with a passkey from
 * the first step. Both end in a session at PASSWORD_WEBAUTHN. docs/protocol.md §8.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { resolveLoginTarget } from '../../domain/sign-in-target';
import { LEVELS } from '../../domain/oidc/levels';
import type { WithDeps } from '../../domain/deps';
import { finishAuthentication } from '../../domain/webauthn';
import { tr } from '../../i18n/catalogue';
import { looksLikeToken } from '../../platform/tokens';
import { completeSignIn, refuseUnknownService, signInEnded } from '../flows/sign-in';
import { webauthnCeremony } from '../flows/webauthn-step';
import { clearCookie, readCookie } from '../plugins/cookies';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext } from '../plugins/session';

const TX = /^[A-Za-z0-9_-]{22}$/;

const startBody = z.object({ service: text(2048).optional(), authenticationLevel: z.enum(LEVELS).optional() });
const finishBody = startBody.extend({ tx: text(40).default(''), credential: text(16384).default('') });

export async function webauthnSignInRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { config, store } = deps;

  app.post('/cas/login/passkey', { schema: { body: startBody } }, async (request, reply) => {
    const form = request.body;
    const target = await resolveLoginTarget(deps, form.service, form.authenticationLevel);
    if (!target) return refuseUnknownService(reply);
    return webauthnCeremony(reply, deps, target.context, { purpose: 'passkey' });
  });

  app.post('/cas/login/webauthn', { schema: { body: finishBody } }, async (request, reply) => {
    const form = request.body;
    const target = await resolveLoginTarget(deps, form.service, form.authenticationLevel);
    if (!target) return refuseUnknownService(reply);
    const ended = (message: string, code: string, status: number) => signInEnded(reply, status, message, code, target);
    const binding = readCookie(request, config, 'login');
    if (!TX.test(form.tx) || !looksLikeToken(binding)) return ended(tr('expired'), 'expired', 410);
    let response: unknown;
    try {
      response = JSON.parse(form.credential);
    } catch {
      return ended(tr('webauthnUnreadable'), 'invalid', 400);
    }
    const context = clientContext(request);
    const outcome = await finishAuthentication(deps, { id: form.tx, binding, response });
    clearCookie(reply, config, 'login');
    if (!outcome.ok) {
      if (outcome.uid) {
        await store.activity.record(
          outcome.uid,
          outcome.reason === 'cloned' ? 'security-key-refused' : 'sign-in-failed',
          context,
          outcome.reason === 'cloned'
            ? 'its signature counter went backwards: a copy of the authenticator may exist'
            : outcome.reason === 'other-user'
              ? 'a security key of another account was offered'
              : 'the security key’s answer could not be verified',
        );
      }
      if (outcome.reason === 'expired') return ended(tr('expired'), 'expired', 410);
      return ended(tr('webauthnRefused'), 'refused', 401);
    }
    return completeSignIn(request, reply, deps, {
      user: (await store.users.byUid(outcome.uid))!,
      strength: 'PASSWORD_WEBAUTHN',
      how: `${outcome.passwordless ? 'Passkey' : 'Security Key or Trusted Platform'} (${outcome.credential.name})`,
      target,
    });
  });
}
