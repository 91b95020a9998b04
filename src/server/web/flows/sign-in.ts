/**
 * How every sign-in ends, whatever the method (password, QR code, push, security
 * key): a new session, a line in the activity log, and on to the service.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { whereNext, nextAfterSignIn, type LoginTarget } from '../../domain/cas/login-target';
import type { Deps } from '../../domain/deps';
import { tr } from '../../i18n/catalogue';
import type { User } from '../../store/users';
import { clientContext, startSession } from '../plugins/session';
import { messagePage, noDeviceNoticePage, signInEndedPage } from '../views/login';

/** The answer to a `service` that is not registered (CAS Protocol 3.0 §2.1.1). */
export function refuseUnknownService(reply: FastifyReply) {
  return reply.code(400).html(
    messagePage(tr('unknownServiceTitle'), tr('unknownServiceText'), {
      href: '/cas/login',
      label: tr('unknownServiceSignIn'),
    }),
  );
}

/** A signed-in user on to the service (with a ticket) or My Account: single sign-on, and after each sign-in. */
export async function proceedToService(
  reply: FastifyReply,
  deps: Deps,
  session: { uid: string; strength: string },
  target: LoginTarget,
) {
  return reply.goTo(await whereNext(deps.store, session, target));
}

export interface SignInDone {
  user: User;
  strength: string;
  /** The method as the activity log names it, e.g. "EU Login Mobile App QR Code (Firefox on Linux)". */
  how: string;
  target: LoginTarget;
  /**
   * The guide: a user without a device is told so after signing in ("This is normal, do not panic")
   * before going on. Only the password sign-in asks; the others need a device or key to happen.
   */
  noticeWithoutDevice?: boolean;
}

export async function completeSignIn(request: FastifyRequest, reply: FastifyReply, deps: Deps, done: SignInDone) {
  const { user, strength, target } = done;
  await startSession(request, reply, deps, user, strength);
  const to = target.context.serviceName ? ` to ${target.context.serviceName}` : '';
  await deps.store.activity.record(user.uid, 'sign-in', clientContext(request), `${done.how}${to}`);
  if (done.noticeWithoutDevice && (await deps.store.devices.listFor(user.uid)).length === 0)
    return reply.html(
      noDeviceNoticePage(nextAfterSignIn(target.context), { name: user.firstName, csrf: reply.csrfToken() }),
    );
  return proceedToService(reply, deps, { uid: user.uid, strength }, target);
}

/** The answer to a sign-in step that has ended (expired, refused, locked): its message, with a way back. */
export function signInEnded(reply: FastifyReply, status: number, message: string, code: string, target: LoginTarget) {
  return reply.code(status).html(signInEndedPage(message, code, target.context));
}
