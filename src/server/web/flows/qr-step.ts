/** The "EU Login Mobile App QR Code" step's page (docs/protocol.md §4), shown after the password and again after a wrong code. */
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import type { LoginContext } from '../../domain/cas/login-target';
import type { Deps } from '../../domain/deps';
import { startQrSignIn } from '../../domain/qr-sign-in';
import { tr } from '../../i18n/catalogue';
import { setCookie } from '../plugins/cookies';
import { qrLoginPage, signInEndedPage, type QrLoginView } from '../views/login';

export function qrImage(payload: string): Promise<string> {
  return QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 4, width: 240 });
}

/** The QR page for a challenge whose QR payload is `payload`. */
export async function qrPage(
  reply: FastifyReply,
  view: { context: LoginContext; tx: string; payload: string; error?: QrLoginView['error'] },
) {
  const image = await qrImage(view.payload);
  return reply
    .header('cache-control', 'no-store')
    .html(
      qrLoginPage({ csrf: reply.csrfToken(), context: view.context, tx: view.tx, qrImage: image, error: view.error }),
    );
}

/** After the right password with the QR method: a fresh challenge, bound to this browser. */
export async function startQrStep(reply: FastifyReply, deps: Deps, uid: string, context: LoginContext) {
  const active = await deps.store.devices.activeFor(uid);
  if (active.length === 0) return reply.code(409).html(signInEndedPage(tr('noDevice'), 'no-device', context));
  const qr = await startQrSignIn(deps, uid, context.service);
  setCookie(reply, deps.config, 'login', qr.browserToken);
  return qrPage(reply, { context, tx: qr.id, payload: qr.payload });
}
