/** My Account, for the signed-in user, and the password change. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkCsrf, csrfToken } from '../plugins/csrf';
import type { Deps } from '../../domain/deps';
import { readForm, text } from '../plugins/form-body';
import { clientContext, signedInUser } from '../plugins/session';
import { readCookie } from '../plugins/cookies';
import { checkPassword } from '../../domain/password-policy';
import { hashPassword } from '../../platform/passwords';
import { checkCurrentPassword, waitMessage } from '../../domain/password-check';
import { accountPage, type AccountView } from '../views/account';
import { usernamesOf } from './password';
import { tr } from '../../i18n/catalogue';

const changeBody = z.object({
  csrf: text(100).optional(),
  current: text(512),
  password: text(512),
  confirm: text(512),
});
const HTML = 'text/html; charset=utf-8';

export function registerAccountRoutes(app: FastifyInstance, deps: Deps): void {
  const { config, store } = deps;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    view: Omit<AccountView, 'csrf' | 'activity' | 'devices' | 'credentials'>,
    status = 200,
  ) {
    const activity = await store.activity.recent(view.user.uid);
    const devices = await store.devices.listFor(view.user.uid);
    const credentials = await store.webauthnCredentials.listFor(view.user.uid);
    return reply
      .code(status)
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(accountPage({ ...view, activity, devices, credentials, csrf: csrfToken(request, reply, config) }));
  }

  app.get('/cas/account', async (request, reply) => {
    const user = (await signedInUser(request, deps))?.user;
    if (!user) return reply.redirect('/cas/login', 303);
    return render(request, reply, { user });
  });

  app.post('/cas/account/password', async (request, reply) => {
    const user = (await signedInUser(request, deps))?.user;
    if (!user) return reply.redirect('/cas/login', 303);
    const form = readForm(changeBody, request.body);
    if (!checkCsrf(request, config, form.csrf))
      return render(request, reply, { user, notice: tr('sessionExpired') }, 403);
    const current = await checkCurrentPassword(
      deps,
      user,
      form.current,
      clientContext(request),
      'wrong current password at password change',
    );
    if (!current.ok) {
      const message = current.waitMs > 0 ? waitMessage(current.waitMs) : tr('currentPasswordWrong');
      return render(request, reply, { user, passwordErrors: { current: message } }, current.waitMs > 0 ? 429 : 401);
    }
    const failures = checkPassword(form.password, usernamesOf(user));
    const mismatch = form.password !== form.confirm;
    if (failures.length || mismatch)
      return render(request, reply, { user, passwordErrors: { failures, mismatch } }, 422);
    await store.users.setPassword(user.uid, await hashPassword(form.password), deps.now());
    // Other sessions end: whoever knew the old password is signed out everywhere else.
    await store.sessions.deleteAllFor(user.uid, readCookie(request, config, 'session'));
    await store.activity.record(user.uid, 'password-changed', clientContext(request));
    return render(request, reply, { user, notice: tr('passwordChanged') });
  });
}
