/**
 * The "EU Login Mobile App QR Code" steps of the sign-in: the QR page after the
 * password, and POST /cas/login/qr with the code (docs/protocol.md §4).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { formatLoginQr } from '../../../core/login-qr';
import { proceedToService, loginTarget, refuseUnknownService } from '../../domain/cas/login-target';
import { clearCookie, readCookie, setCookie } from '../plugins/cookies';
import { checkCsrf, csrfToken } from '../plugins/csrf';
import type { Deps } from '../../domain/deps';
import { readForm, text } from '../plugins/form-body';
import { clientContext, startSession } from '../plugins/session';
import { checkQrCode, startQrSignIn } from '../../domain/qr-sign-in';
import { tr } from '../../i18n/catalogue';
import { looksLikeToken } from '../../platform/tokens';
import { qrLoginPage, signInEndedPage, type LoginContext, type QrLoginView } from '../views/login';

const HTML = 'text/html; charset=utf-8';
const TX = /^[A-Za-z0-9_-]{22}$/;
const ENDED = {
  expired: ['expired', 410],
  ended: ['tooManyCodes', 401],
  locked: ['deviceLockedMessage', 423],
} as const;

const qrBody = z.object({
  csrf: text(100).optional(),
  service: text(2048).optional(),
  tx: text(40).default(''),
  otp: text(20).default(''),
});

function qrImage(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 4, width: 240 });
}

/** After the right password with the QR method: a fresh challenge, bound to this browser. */
export async function startQrStep(reply: FastifyReply, deps: Deps, uid: string, context: LoginContext, csrf: string) {
  const active = await deps.store.devices.activeFor(uid);
  if (active.length === 0)
    return reply
      .code(409)
      .type(HTML)
      .send(signInEndedPage(tr('noDevice'), 'no-device', context));
  const qr = await startQrSignIn(deps, uid, context.service);
  setCookie(reply, deps.config, 'login', qr.browserToken);
  return reply
    .type(HTML)
    .header('cache-control', 'no-store')
    .send(qrLoginPage({ csrf, context, tx: qr.id, qrImage: await qrImage(qr.payload) }));
}

export function registerQrSignInRoutes(app: FastifyInstance, deps: Deps): void {
  const { config, store } = deps;

  async function qrPage(
    reply: FastifyReply,
    status: number,
    csrf: string,
    context: LoginContext,
    login: { id: string; uid: string; challenge: string },
    error: QrLoginView['error'],
  ) {
    const image = await qrImage(
      formatLoginQr({ origin: config.publicUrl, uid: login.uid, tx: login.id, challenge: login.challenge }),
    );
    return reply
      .code(status)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(qrLoginPage({ csrf, context, tx: login.id, qrImage: image, error }));
  }

  app.post('/cas/login/qr', async (request, reply) => {
    const form = readForm(qrBody, request.body);
    const target = loginTarget(config.casServices, form.service);
    if (!target) return refuseUnknownService(reply);
    const csrf = csrfToken(request, reply, config);
    const ended = (reason: keyof typeof ENDED) =>
      reply
        .code(ENDED[reason][1])
        .type(HTML)
        .send(signInEndedPage(tr(ENDED[reason][0]), reason, target.context));
    if (!checkCsrf(request, config, form.csrf)) return ended('expired');
    const browserToken = readCookie(request, config, 'login');
    const login =
      TX.test(form.tx) && looksLikeToken(browserToken) ? await store.loginChallenges.byId(form.tx) : undefined;
    if (!login || !browserToken) return ended('expired');
    if (!form.otp.trim()) {
      return qrPage(reply, 422, csrf, target.context, login, {
        message: tr('qrMissing'),
        code: 'missing',
      });
    }
    const context = clientContext(request);
    const result = await checkQrCode(deps, login.id, browserToken, form.otp, context);
    if (!result.ok && result.reason === 'wrong-code') {
      const left = result.attemptsLeft!;
      const message = left === 1 ? tr('qrWrongOne') : tr('qrWrong', { left });
      return qrPage(reply, 401, csrf, target.context, login, { message, code: 'wrong-code', attemptsLeft: left });
    }
    if (!result.ok) return ended(result.reason as keyof typeof ENDED);
    clearCookie(reply, config, 'login');
    const user = (await store.users.byUid(result.uid))!;
    await startSession(request, reply, deps, user.uid, 'PASSWORD_SOFTWARE_TOKEN');
    const to = target.context.serviceName ? ` to ${target.context.serviceName}` : '';
    await store.activity.record(
      user.uid,
      'sign-in',
      context,
      `EU Login Mobile App QR Code (${result.deviceName})${to}`,
    );
    return proceedToService(reply, store, { uid: user.uid, strength: 'PASSWORD_SOFTWARE_TOKEN' }, target);
  });
}
