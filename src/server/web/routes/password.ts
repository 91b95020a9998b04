/** Creating the password from the e-mail link, and asking for a new link. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkCsrf, csrfToken } from '../plugins/csrf';
import type { Deps } from '../../domain/deps';
import { readForm, text } from '../plugins/form-body';
import { clientContext } from '../plugins/session';
import { requestPasswordLink } from '../../domain/accounts';
import { checkPassword, samplePassword } from '../../domain/password-policy';
import { hashPassword } from '../../platform/passwords';
import { looksLikeToken } from '../../platform/tokens';
import { createUsersRepo, type User } from '../../store/users';
import { newPasswordPage, passwordSetPage, requestLinkPage } from '../views/password';
import { tr } from '../../i18n/catalogue';

const setBody = z.object({ csrf: text(100).optional(), token: text(100), password: text(512), confirm: text(512) });
const requestBody = z.object({ csrf: text(100).optional(), identifier: text(254).default('') });

/** What a password may not contain: the unique identifier and the e-mail's local part. */
export const usernamesOf = (user: User) => [user.uid, user.email.split('@')[0] ?? ''];

export function registerPasswordRoutes(app: FastifyInstance, deps: Deps): void {
  const { config, store } = deps;
  const html = 'text/html; charset=utf-8';

  async function userForToken(token: unknown): Promise<User | undefined> {
    if (!looksLikeToken(token)) return undefined;
    const uid = await store.emailTokens.peek(token, 'set-password');
    return uid ? store.users.byUid(uid) : undefined;
  }
  const samples = (user: User) => [0, 1, 2].map(() => samplePassword(usernamesOf(user)));

  app.get('/cas/password/new', async (request, reply) => {
    const { token } = request.query as { token?: unknown };
    const user = await userForToken(token);
    const csrf = csrfToken(request, reply, config);
    if (!user)
      return reply
        .code(410)
        .type(html)
        .send(requestLinkPage(csrf, { expired: true }));
    return reply
      .type(html)
      .send(newPasswordPage({ csrf, token: token as string, uid: user.uid, samples: samples(user) }));
  });

  app.post('/cas/password/new', async (request, reply) => {
    const form = readForm(setBody, request.body);
    const csrf = csrfToken(request, reply, config);
    const user = await userForToken(form.token);
    if (!user)
      return reply
        .code(410)
        .type(html)
        .send(requestLinkPage(csrf, { expired: true }));
    const view = { csrf, token: form.token, uid: user.uid, samples: samples(user) };
    if (!checkCsrf(request, config, form.csrf)) return reply.code(403).type(html).send(newPasswordPage(view));
    const failures = checkPassword(form.password, usernamesOf(user));
    const mismatch = form.password !== form.confirm;
    if (failures.length > 0 || mismatch) {
      return reply
        .code(422)
        .type(html)
        .send(newPasswordPage({ ...view, failures, mismatch }));
    }
    // Hash before the transaction: no slow work while it holds the store (STYLE.md, idb/SQLite alike).
    const passwordHash = await hashPassword(form.password);
    const done = await store.sql.transaction(async (tx) => {
      const uid = await store.emailTokens.consume(tx, form.token, 'set-password');
      if (uid !== user.uid) return false;
      await createUsersRepo(tx).setPassword(uid, passwordHash, deps.now());
      return true;
    });
    if (!done)
      return reply
        .code(410)
        .type(html)
        .send(requestLinkPage(csrf, { expired: true }));
    await store.sessions.deleteAllFor(user.uid);
    await store.activity.record(
      user.uid,
      user.passwordHash ? 'password-changed' : 'password-set',
      clientContext(request),
    );
    return reply.type(html).send(passwordSetPage());
  });

  app.get('/cas/password/request', async (request, reply) =>
    reply.type(html).send(requestLinkPage(csrfToken(request, reply, config))),
  );

  app.post('/cas/password/request', async (request, reply) => {
    const form = readForm(requestBody, request.body);
    const csrf = csrfToken(request, reply, config);
    const identifier = form.identifier.trim();
    if (!checkCsrf(request, config, form.csrf)) {
      return reply
        .code(403)
        .type(html)
        .send(requestLinkPage(csrf, { identifier, error: tr('sessionExpired') }));
    }
    if (!identifier) {
      return reply
        .code(422)
        .type(html)
        .send(requestLinkPage(csrf, { error: tr('identifierMissing') }));
    }
    const outcome = await requestPasswordLink(deps, identifier, clientContext(request).ip);
    if (outcome === 'rate-limited') {
      return reply
        .code(429)
        .type(html)
        .send(requestLinkPage(csrf, { identifier, error: tr('tooManyRequests') }));
    }
    return reply.type(html).send(requestLinkPage(csrf, { sent: true }));
  });
}
