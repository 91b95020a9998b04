/**
 * The "EU Login Mobile App QR Code" step of the sign-in: POST /cas/login/qr
 * with the code (docs/protocol.md §4); the QR page is web/flows/qr-step.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { formatLoginQr } from '../../../core/login-qr';
import { resolveLoginTarget } from '../../domain/sign-in-target';
import { LEVELS } from '../../domain/oidc/levels';
import type { WithDeps } from '../../domain/deps';
import { checkQrCode } from '../../domain/qr-sign-in';
import { tr } from '../../i18n/catalogue';
import { looksLikeToken } from '../../platform/tokens';
import { qrPage } from '../flows/qr-step';
import { completeSignIn, refuseUnknownService, signInEnded } from '../flows/sign-in';
import { clearCookie, readCookie } from '../plugins/cookies';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext } from '../plugins/session';

const TX = /^[A-Za-z0-9_-]{22}$/;
const ENDED = {
  expired: ['expired', 410],
  ended: ['tooManyCodes', 401],
  locked: ['deviceLockedMessage', 423],
} as const;

const qrBody = z.object({
  service: text(2048).optional(),
  authenticationLevel: z.enum(LEVELS).optional(),
  tx: text(40).default(''),
  otp: text(20).default(''),
});

export async function qrSignInRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { config, store } = deps;

  app.post('/cas/login/qr', { schema: { body: qrBody } }, async (request, reply) => {
    const form = request.body;
    const target = await resolveLoginTarget(deps, form.service, form.authenticationLevel);
    if (!target) return refuseUnknownService(reply);
    const ended = (reason: keyof typeof ENDED) =>
      signInEnded(reply, ENDED[reason][1], tr(ENDED[reason][0]), reason, target);
    const browserToken = readCookie(request, config, 'login');
    const login =
      TX.test(form.tx) && looksLikeToken(browserToken) ? await store.loginChallenges.byId(form.tx) : undefined;
    if (!login || !browserToken) return ended('expired');
    const again = (status: number, error: NonNullable<Parameters<typeof qrPage>[1]['error']>) => {
      const payload = formatLoginQr({
        origin: config.publicUrl,
        uid: login.uid,
        tx: login.id,
        challenge: login.challenge,
      });
      return qrPage(reply.code(status), { context: target.context, tx: login.id, payload, error });
    };
    if (!form.otp.trim()) return again(422, { message: tr('qrMissing'), code: 'missing' });
    const result = await checkQrCode(deps, login.id, browserToken, form.otp, clientContext(request));
    if (!result.ok && result.reason === 'wrong-code') {
      const left = result.attemptsLeft!;
      const message = left === 1 ? tr('qrWrongOne') : tr('qrWrong', { left });
      return again(401, { message, code: 'wrong-code', attemptsLeft: left });
    }
    if (!result.ok) return ended(result.reason as keyof typeof ENDED);
    clearCookie(reply, config, 'login');
    return completeSignIn(request, reply, deps, {
      user: (await store.users.byUid(result.uid))!,
      strength: 'PASSWORD_SOFTWARE_TOKEN',
      how: `EU Login Mobile App QR Code (${result.deviceName})`,
      target,
    });
  });
}
