/** Creating the password from the e-mail link, and asking for a new link. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requestPasswordLink, setPasswordFromLink, userForPasswordLink } from '../../domain/accounts';
import type { WithDeps } from '../../domain/deps';
import { checkPassword, samplePassword, usernamesOf } from '../../domain/password-policy';
import { tr } from '../../i18n/catalogue';
import type { User } from '../../store/users';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext } from '../plugins/session';
import { newPasswordPage, passwordSetPage, requestLinkPage } from '../views/password';

const setBody = z.object({ token: text(100), password: text(512), confirm: text(512) });
const requestBody = z.object({ identifier: text(254).default('') });

export async function passwordRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const samples = (user: User) => [0, 1, 2].map(() => samplePassword(usernamesOf(user)));

  app.get(
    '/cas/password/new',
    { schema: { querystring: z.object({ token: z.unknown().optional() }) } },
    async (request, reply) => {
      // The page carries the mail's token in its form: kept in no cache, shared or the browser's.
      reply.header('cache-control', 'no-store');
      const { token } = request.query;
      const user = await userForPasswordLink(deps, token);
      const csrf = reply.csrfToken();
      if (!user) return reply.code(410).html(requestLinkPage(csrf, { expired: true }));
      return reply.html(newPasswordPage({ csrf, token: token as string, uid: user.uid, samples: samples(user) }));
    },
  );

  app.post('/cas/password/new', { schema: { body: setBody } }, async (request, reply) => {
    const form = request.body;
    const csrf = reply.csrfToken();
    const user = await userForPasswordLink(deps, form.token);
    if (!user) return reply.code(410).html(requestLinkPage(csrf, { expired: true }));
    const failures = checkPassword(form.password, usernamesOf(user));
    const mismatch = form.password !== form.confirm;
    if (failures.length > 0 || mismatch) {
      const view = { csrf, token: form.token, uid: user.uid, samples: samples(user) };
      return reply.code(422).html(newPasswordPage({ ...view, failures, mismatch }));
    }
    if (!(await setPasswordFromLink(deps, user, form.token, form.password, clientContext(request))))
      return reply.code(410).html(requestLinkPage(csrf, { expired: true }));
    return reply.html(passwordSetPage());
  });

  app.get('/cas/password/request', async (_request, reply) => reply.html(requestLinkPage(reply.csrfToken())));

  app.post('/cas/password/request', { schema: { body: requestBody } }, async (request, reply) => {
    const form = request.body;
    const csrf = reply.csrfToken();
    const identifier = form.identifier.trim();
    if (!identifier) return reply.code(422).html(requestLinkPage(csrf, { error: tr('identifierMissing') }));
    const outcome = await requestPasswordLink(deps, identifier, clientContext(request).ip);
    if (outcome === 'rate-limited')
      return reply.code(429).html(requestLinkPage(csrf, { identifier, error: tr('tooManyRequests') }));
    return reply.html(requestLinkPage(csrf, { sent: true }));
  });
}
