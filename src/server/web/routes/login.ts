/**
 * CAS /login (CAS Protocol 3.0 §2.1–2.2) in EU Login's two steps, and /logout.
 * With a signed-in session strong enough for the service, /login issues a
 * service ticket at once (single sign-on); otherwise it asks.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { resolveLoginTarget } from '../../domain/sign-in-target';
import { LEVELS } from '../../domain/oidc/levels';
import { findService, normaliseServiceUrl } from '../../domain/cas/services';
import { isStrength, meets, methodsFor, type Strength } from '../../domain/cas/strengths';
import type { WithDeps } from '../../domain/deps';
import { checkPasswordSignIn, waitMessage } from '../../domain/password-check';
import { tr } from '../../i18n/catalogue';
import type { Session } from '../../store/sessions';
import { SECOND_STEPS } from '../flows/second-steps';
import { completeSignIn, proceedToService, refuseUnknownService } from '../flows/sign-in';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext, endSession } from '../plugins/session';
import { identifierPage, messagePage, passwordStepPage } from '../views/login';

const loginBody = z.object({
  step: z.enum(['identifier', 'password', 'second']),
  service: text(2048).optional(),
  authenticationLevel: z.enum(LEVELS).optional(),
  identifier: text(254).default(''),
  method: text(20).optional(),
  password: text(512).default(''),
});

export async function loginRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { config, store } = deps;
  const { withSession } = app;

  const strongEnough = (session: Session | undefined, minimum: Strength) =>
    session && isStrength(session.strength) && meets(session.strength, minimum);

  const loginQuery = z.object({
    service: z.unknown().optional(),
    renew: z.unknown().optional(),
    authenticationLevel: z.enum(LEVELS).optional(),
  });
  app.get('/cas/login', { preHandler: withSession, schema: { querystring: loginQuery } }, async (request, reply) => {
    const query = request.query;
    const target = await resolveLoginTarget(deps, query.service, query.authenticationLevel);
    if (!target) return refuseUnknownService(reply);
    const session = request.who?.session;
    if (query.renew !== 'true' && strongEnough(session, target.minimum))
      return proceedToService(reply, deps, session!, target);
    // Signed in, but too weakly for this service: step up with a second factor alone.
    const secondFactors = methodsFor(target.minimum).filter((m) => m.id !== 'password');
    if (request.who && query.renew !== 'true' && secondFactors.length > 0)
      return reply.html(
        passwordStepPage({
          csrf: reply.csrfToken(),
          context: target.context,
          identifier: request.who.user.email,
          methods: secondFactors,
          stepUp: true,
        }),
      );
    return reply.html(identifierPage(reply.csrfToken(), target.context));
  });

  app.post('/cas/login', { preHandler: withSession, schema: { body: loginBody } }, async (request, reply) => {
    const form = request.body;
    const target = await resolveLoginTarget(deps, form.service, form.authenticationLevel);
    if (!target) return refuseUnknownService(reply);
    const csrf = reply.csrfToken();
    const identifier = form.identifier.trim();
    const methods = methodsFor(target.minimum);
    const passwordStep = (error?: string, status = 200) =>
      reply
        .code(status)
        .html(passwordStepPage({ csrf, context: target.context, identifier, methods, method: form.method, error }));

    if (form.step === 'second') {
      // A step-up: the signed-in user's second factor, the password not asked again. Without a
      // session (it ended meanwhile), the sign-in starts over.
      const who = request.who;
      const method = methodsFor(target.minimum).find((m) => m.id === form.method && m.id !== 'password');
      if (!who) return reply.code(401).html(identifierPage(csrf, target.context));
      if (!method || method.id === 'password')
        return reply.code(422).html(
          passwordStepPage({
            csrf,
            context: target.context,
            identifier: who.user.email,
            methods: methodsFor(target.minimum).filter((m) => m.id !== 'password'),
            error: tr('chooseMethodError'),
            stepUp: true,
          }),
        );
      return SECOND_STEPS[method.id](request, reply, deps, who.user.uid, target.context);
    }
    if (!identifier)
      return reply.code(422).html(identifierPage(csrf, target.context, { error: tr('identifierMissing') }));
    // Step 1 never says whether the account exists: everyone proceeds to step 2.
    if (form.step === 'identifier') return passwordStep();

    const method = methods.find((m) => m.id === form.method);
    if (!method) return passwordStep(tr('chooseMethodError'), 422);
    const check = await checkPasswordSignIn(deps, identifier, form.password, clientContext(request));
    if (!check.ok) {
      return passwordStep(
        check.waitMs > 0 ? waitMessage(check.waitMs) : tr('wrongCredentials'),
        check.waitMs > 0 ? 429 : 401,
      );
    }
    const { user } = check;
    if (method.id !== 'password') return SECOND_STEPS[method.id](request, reply, deps, user.uid, target.context);
    return completeSignIn(request, reply, deps, {
      user,
      strength: method.strength,
      how: method.label,
      target,
      noticeWithoutDevice: true,
    });
  });

  // CAS Protocol 3.0 §2.3: GET /logout ends the single sign-on session; the
  // nav's sign-out form POSTs (its CSRF token checked like every form's).
  const logout = async (request: FastifyRequest, reply: FastifyReply, service: unknown) => {
    const session = request.who?.session;
    if (session) await store.activity.record(session.uid, 'sign-out', clientContext(request));
    await endSession(request, reply, deps);
    if (findService(config.casServices, service)) return reply.goTo(normaliseServiceUrl(service)!);
    return reply.html(
      messagePage(tr('signedOutTitle'), tr('signedOutText'), {
        href: '/cas/login',
        label: tr('signInAgain'),
      }),
    );
  };
  const logoutQuery = z.object({ service: z.unknown().optional() });
  app.get('/cas/logout', { preHandler: withSession, schema: { querystring: logoutQuery } }, (request, reply) =>
    logout(request, reply, request.query.service),
  );
  app.post('/cas/logout', { preHandler: withSession }, (request, reply) => logout(request, reply, undefined));
}
