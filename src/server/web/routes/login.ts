/**
 * CAS /login (CAS Protocol 3.0 §2.1–2.2) in EU Login's two steps, and /logout.
 * With a signed-in session strong enough for the service, /login issues a
 * service ticket at once (single sign-on); otherwise it asks.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findService } from '../../domain/cas/services';
import { isStrength, meets, methodsFor, type Strength } from '../../domain/cas/strengths';
import { checkCsrf, csrfToken } from '../plugins/csrf';
import type { Deps } from '../../domain/deps';
import { readForm, text } from '../plugins/form-body';
import { clientContext, currentSession, endSession, startSession } from '../plugins/session';
import { checkPasswordSignIn, waitMessage } from '../../domain/password-check';
import { tr } from '../../i18n/catalogue';
import type { Session } from '../../store/sessions';
import { identifierPage, messagePage, noDeviceNoticePage, passwordStepPage } from '../views/login';
import { loginTarget, nextAfterSignIn, proceedToService, refuseUnknownService } from '../../domain/cas/login-target';
import { startPushStep } from './push-sign-in';
import { startQrStep } from './qr-sign-in';
import { startWebauthnStep } from './webauthn-sign-in';

const HTML = 'text/html; charset=utf-8';

const loginBody = z.object({
  csrf: text(100).optional(),
  step: z.enum(['identifier', 'password']),
  service: text(2048).optional(),
  identifier: text(254).default(''),
  method: text(20).optional(),
  password: text(512).default(''),
});

export function registerLoginRoutes(app: FastifyInstance, deps: Deps): void {
  const { config, store } = deps;

  const strongEnough = (session: Session | undefined, minimum: Strength) =>
    session && isStrength(session.strength) && meets(session.strength, minimum);

  app.get('/cas/login', async (request, reply) => {
    const query = request.query as { service?: unknown; renew?: unknown };
    const target = loginTarget(config.casServices, query.service);
    if (!target) return refuseUnknownService(reply);
    const session = await currentSession(request, deps);
    if (query.renew !== 'true' && strongEnough(session, target.minimum))
      return proceedToService(reply, store, session!, target);
    return reply.type(HTML).send(identifierPage(csrfToken(request, reply, config), target.context));
  });

  app.post('/cas/login', async (request: FastifyRequest, reply) => {
    const form = readForm(loginBody, request.body);
    const target = loginTarget(config.casServices, form.service);
    if (!target) return refuseUnknownService(reply);
    const csrf = csrfToken(request, reply, config);
    const identifier = form.identifier.trim();
    const methods = methodsFor(target.minimum);
    const passwordStep = (error?: string, status = 200) =>
      reply
        .code(status)
        .type(HTML)
        .send(passwordStepPage({ csrf, context: target.context, identifier, methods, method: form.method, error }));

    if (!checkCsrf(request, config, form.csrf)) {
      return reply
        .code(403)
        .type(HTML)
        .send(identifierPage(csrf, target.context, { identifier, error: tr('sessionExpired') }));
    }
    if (!identifier) {
      return reply
        .code(422)
        .type(HTML)
        .send(identifierPage(csrf, target.context, { error: tr('identifierMissing') }));
    }
    // Step 1 never says whether the account exists: everyone proceeds to step 2.
    if (form.step === 'identifier') return passwordStep();

    const method = methods.find((m) => m.id === form.method);
    if (!method) return passwordStep(tr('chooseMethodError'), 422);
    const context = clientContext(request);
    const check = await checkPasswordSignIn(deps, identifier, form.password, context);
    if (!check.ok) {
      return passwordStep(
        check.waitMs > 0 ? waitMessage(check.waitMs) : tr('wrongCredentials'),
        check.waitMs > 0 ? 429 : 401,
      );
    }
    const { user } = check;
    if (method.id === 'mobile-qr') return startQrStep(reply, deps, user.uid, target.context, csrf);
    if (method.id === 'mobile-pin') return startPushStep(request, reply, deps, user.uid, target.context, csrf);
    if (method.id === 'webauthn') return startWebauthnStep(reply, deps, user.uid, target.context, csrf);
    await startSession(request, reply, deps, user.uid, method.strength);
    await store.activity.record(
      user.uid,
      'sign-in',
      context,
      `${method.label}${target.context.serviceName ? ` to ${target.context.serviceName}` : ''}`,
    );
    // The guide: a user without a device is told so after signing in ("This is normal, do not panic");
    // anyone else goes straight on.
    if ((await store.devices.listFor(user.uid)).length > 0)
      return proceedToService(reply, store, { uid: user.uid, strength: method.strength }, target);
    return reply.type(HTML).send(noDeviceNoticePage(nextAfterSignIn(target.context), { name: user.firstName, csrf }));
  });

  // CAS Protocol 3.0 §2.3: GET /logout ends the single sign-on session; the
  // nav's sign-out form POSTs with a CSRF token.
  const logout = async (request: FastifyRequest, reply: FastifyReply, service: unknown) => {
    const session = await currentSession(request, deps);
    if (session) await store.activity.record(session.uid, 'sign-out', clientContext(request));
    await endSession(request, reply, deps);
    if (typeof service === 'string' && findService(config.casServices, service)) return reply.redirect(service, 303);
    return reply.type(HTML).send(
      messagePage(tr('signedOutTitle'), tr('signedOutText'), {
        href: '/cas/login',
        label: tr('signInAgain'),
      }),
    );
  };
  app.get('/cas/logout', (request, reply) => logout(request, reply, (request.query as { service?: unknown }).service));
  app.post('/cas/logout', async (request, reply) => {
    const form = readForm(z.object({ csrf: text(100).optional() }), request.body ?? {});
    if (!checkCsrf(request, config, form.csrf))
      return reply
        .code(403)
        .type(HTML)
        .send(
          messagePage(tr('notSignedOut'), tr('sessionExpired'), {
            href: '/cas/account',
            label: tr('myAccount'),
          }),
        );
    return logout(request, reply, undefined);
  });
}
