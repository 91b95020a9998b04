/**
 * Signing in with "Security Key or Trusted Platform": after the password
 * (the credential must be that user's), or passwordless with a passkey from
 * the first step. Both end in a session at PASSWORD_WEBAUTHN. docs/protocol.md §8.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { proceedToService, loginTarget, refuseUnknownService } from '../../domain/cas/login-target';
import { clearCookie, readCookie, setCookie } from '../plugins/cookies';
import { checkCsrf, csrfToken } from '../plugins/csrf';
import type { Deps } from '../../domain/deps';
import { readForm, text } from '../plugins/form-body';
import { clientContext, startSession } from '../plugins/session';
import { tr } from '../../i18n/catalogue';
import { looksLikeToken, newToken } from '../../platform/tokens';
import { finishAuthentication, startAuthentication } from '../../domain/webauthn';
import { signInEndedPage, type LoginContext } from '../views/login';
import { ceremonyPage } from '../views/security-keys';

const HTML = 'text/html; charset=utf-8';
const TX = /^[A-Za-z0-9_-]{22}$/;

const startBody = z.object({ csrf: text(100).optional(), service: text(2048).optional() });
const finishBody = startBody.extend({ tx: text(40).default(''), credential: text(16384).default('') });

async function ceremony(
  reply: FastifyReply,
  deps: Deps,
  context: LoginContext,
  csrf: string,
  r: { purpose: 'second-factor' | 'passkey'; uid?: string },
) {
  const binding = newToken();
  const { id, options, credentials } = await startAuthentication(deps, { ...r, binding });
  if (r.purpose === 'second-factor' && credentials === 0)
    return reply
      .code(409)
      .type(HTML)
      .send(signInEndedPage(tr('noSecurityKey'), 'no-key', context));
  setCookie(reply, deps.config, 'login', binding);
  return reply
    .type(HTML)
    .header('cache-control', 'no-store')
    .send(
      ceremonyPage({
        title: tr('webauthnTitle'),
        intro: r.purpose === 'passkey' ? tr('webauthnPasskeyIntro') : tr('webauthnIntro'),
        mode: 'get',
        action: '/cas/login/webauthn',
        options,
        fields: { csrf, tx: id, ...(context.service && { service: context.service }) },
        back: {
          href: context.service ? `/cas/login?service=${encodeURIComponent(context.service)}` : '/cas/login',
          label: tr('anotherMethod'),
        },
      }),
    );
}

/** After the right password with the WebAuthn method. */
export function startWebauthnStep(reply: FastifyReply, deps: Deps, uid: string, context: LoginContext, csrf: string) {
  return ceremony(reply, deps, context, csrf, { purpose: 'second-factor', uid });
}

export function registerWebauthnSignInRoutes(app: FastifyInstance, deps: Deps): void {
  const { config, store } = deps;

  app.post('/cas/login/passkey', async (request, reply) => {
    const form = readForm(startBody, request.body);
    const target = loginTarget(config.casServices, form.service);
    if (!target) return refuseUnknownService(reply);
    const csrf = csrfToken(request, reply, config);
    if (!checkCsrf(request, config, form.csrf))
      return reply
        .code(403)
        .type(HTML)
        .send(signInEndedPage(tr('sessionExpired'), 'expired', target.context));
    return ceremony(reply, deps, target.context, csrf, { purpose: 'passkey' });
  });

  app.post('/cas/login/webauthn', async (request, reply) => {
    const form = readForm(finishBody, request.body);
    const target = loginTarget(config.casServices, form.service);
    if (!target) return refuseUnknownService(reply);
    const ended = (message: string, code: string, status: number) =>
      reply
        .code(status)
        .type(HTML)
        .send(signInEndedPage(message, code, target.context));
    const binding = readCookie(request, config, 'login');
    if (!checkCsrf(request, config, form.csrf) || !TX.test(form.tx) || !looksLikeToken(binding))
      return ended(tr('expired'), 'expired', 410);
    let response: unknown;
    try {
      response = JSON.parse(form.credential);
    } catch {
      return ended(tr('webauthnUnreadable'), 'invalid', 400);
    }
    const context = clientContext(request);
    const outcome = await finishAuthentication(deps, { id: form.tx, binding, response });
    clearCookie(reply, config, 'login');
    if (!outcome.ok) {
      if (outcome.uid) {
        await store.activity.record(
          outcome.uid,
          outcome.reason === 'cloned' ? 'security-key-refused' : 'sign-in-failed',
          context,
          outcome.reason === 'cloned'
            ? 'its signature counter went backwards: a copy of the authenticator may exist'
            : outcome.reason === 'other-user'
              ? 'a security key of another account was offered'
              : 'the security key’s answer could not be verified',
        );
      }
      if (outcome.reason === 'expired') return ended(tr('expired'), 'expired', 410);
      return ended(tr('webauthnRefused'), 'refused', 401);
    }
    const user = (await store.users.byUid(outcome.uid))!;
    await startSession(request, reply, deps, user.uid, 'PASSWORD_WEBAUTHN');
    const to = target.context.serviceName ? ` to ${target.context.serviceName}` : '';
    await store.activity.record(
      user.uid,
      'sign-in',
      context,
      `${outcome.passwordless ? 'Passkey' : 'Security Key or Trusted Platform'} (${outcome.credential.name})${to}`,
    );
    return proceedToService(reply, store, { uid: user.uid, strength: 'PASSWORD_WEBAUTHN' }, target);
  });
}
