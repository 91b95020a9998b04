/** My Account, for the signed-in user, and the password change. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { WithDeps } from '../../domain/deps';
import { checkCurrentPassword, waitMessage } from '../../domain/password-check';
import { checkPassword, usernamesOf } from '../../domain/password-policy';
import { tr } from '../../i18n/catalogue';
import { hashPassword } from '../../platform/passwords';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext, signedIn } from '../plugins/session';
import { accountPage, type AccountView } from '../views/account';

const changeBody = z.object({
  current: text(512),
  password: text(512),
  confirm: text(512),
});

export async function accountRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;
  const { requireSignIn } = app;

  async function render(
    reply: FastifyReply,
    view: Omit<AccountView, 'csrf' | 'activity' | 'devices' | 'credentials'>,
    status = 200,
  ) {
    const [activity, devices, credentials] = await Promise.all([
      store.activity.recent(view.user.uid),
      store.devices.listFor(view.user.uid),
      store.webauthnCredentials.listFor(view.user.uid),
    ]);
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .html(accountPage({ ...view, activity, devices, credentials, csrf: reply.csrfToken() }));
  }

  app.get('/cas/account', { preHandler: requireSignIn }, async (request, reply) =>
    render(reply, { user: signedIn(request).user }),
  );

  app.post(
    '/cas/account/password',
    { preHandler: requireSignIn, schema: { body: changeBody } },
    async (request, reply) => {
      const { user, token } = signedIn(request);
      const form = request.body;
      const current = await checkCurrentPassword(
        deps,
        user,
        form.current,
        clientContext(request),
        'wrong current password at password change',
      );
      if (!current.ok) {
        const message = current.waitMs > 0 ? waitMessage(current.waitMs) : tr('currentPasswordWrong');
        return render(reply, { user, passwordErrors: { current: message } }, current.waitMs > 0 ? 429 : 401);
      }
      const failures = checkPassword(form.password, usernamesOf(user));
      const mismatch = form.password !== form.confirm;
      if (failures.length || mismatch) return render(reply, { user, passwordErrors: { failures, mismatch } }, 422);
      await store.users.setPassword(user.uid, await hashPassword(form.password), deps.now());
      // Other sessions end: whoever knew the old password is signed out everywhere else.
      await store.sessions.deleteAllFor(user.uid, token);
      await store.activity.record(user.uid, 'password-changed', clientContext(request));
      return render(reply, { user, notice: tr('passwordChanged') });
    },
  );
}
