/**
 * My Account → "Security Keys and Trusted Platforms": add one (after a fresh
 * password and, when the account has a mobile device, that device's approval),
 * rename, remove (asks the password). docs/protocol.md §8.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkCsrf } from '../plugins/csrf';
import { tr, type PageKey } from '../../i18n/catalogue';
import type { Deps } from '../../domain/deps';
import { readForm, text } from '../plugins/form-body';
import { clientContext, FRESH_MS, signedInPage, signedInUser } from '../plugins/session';
import { approvalFromExistingDevice } from '../../domain/step-up';
import { finishRegistration, startRegistration } from '../../domain/webauthn';
import type { CredentialKind } from '../../store/webauthn';
import { reauthPage } from '../views/devices';
import { messagePage } from '../views/login';
import { stepUpPage } from '../views/push';
import { addSecurityKeyPage, ceremonyPage } from '../views/security-keys';
import { reauthHandler, removeHandler, renameHandler } from './devices';

const HTML = 'text/html; charset=utf-8';
const ID = /^[A-Za-z0-9_-]{16,400}$/;
const TX = /^[A-Za-z0-9_-]{22}$/;
/** The re-authentication page of this change (its title in the page's language). */
const REAUTH = () => ({ title: tr('addKey'), action: '/cas/security-keys/reauth' });
const BACK = () => ({ href: '/cas/account', label: tr('myAccount') });

const addBody = z.object({ csrf: text(100).optional(), name: text(100).default(''), kind: text(20).default('') });
/** The browser's credential as JSON (WebAuthn §5.1 toJSON); attestation objects stay well under 16 KiB. */
const finishBody = z.object({ csrf: text(100).optional(), tx: text(40).default(''), credential: text(16384) });

const REFUSED: Record<string, PageKey> = {
  expired: 'registrationExpired',
  invalid: 'authenticatorUnverified',
  'attestation-required': 'attestationRequired',
  exists: 'authenticatorExists',
};

export function registerSecurityKeyRoutes(app: FastifyInstance, deps: Deps): void {
  const { config, store, now } = deps;

  /** The signed-in user, when the session is fresh and any needed approval is given; otherwise the page that asks. */
  async function allowed(request: FastifyRequest, reply: FastifyReply) {
    const who = await signedInPage(request, reply, deps);
    if (!who) return undefined;
    const { signedIn } = who;
    if (now() - who.session.authenticatedAt >= FRESH_MS) {
      await reply.type(HTML).send(reauthPage(signedIn, undefined, REAUTH()));
      return undefined;
    }
    if ((await approvalFromExistingDevice(store, who.user.uid, who.session, now())) === 'required') {
      const devices = await store.devices.activeFor(who.user.uid);
      await reply.type(HTML).send(stepUpPage(signedIn, devices, undefined, '/cas/security-keys/new'));
      return undefined;
    }
    return who;
  }

  app.get('/cas/security-keys/new', async (request, reply) => {
    const who = await allowed(request, reply);
    if (!who) return reply;
    return reply.type(HTML).send(addSecurityKeyPage({ signedIn: who.signedIn }));
  });

  app.post('/cas/security-keys/reauth', reauthHandler(deps, REAUTH, '/cas/security-keys/new'));

  app.post('/cas/security-keys/new', async (request, reply) => {
    const form = readForm(addBody, request.body);
    if (!checkCsrf(request, config, form.csrf)) return reply.code(403).type(HTML).send(expiredPage());
    const who = await allowed(request, reply);
    if (!who) return reply;
    const name = form.name.trim();
    const errors: { name?: string; kind?: string } = {};
    if (!name || [...name].length > 50) errors.name = tr('nameRule');
    if (form.kind !== 'platform' && form.kind !== 'security-key') errors.kind = tr('whatToRegister');
    if (Object.keys(errors).length)
      return reply
        .code(422)
        .type(HTML)
        .send(addSecurityKeyPage({ signedIn: who.signedIn, values: { name, kind: form.kind }, errors }));
    const kind = form.kind as CredentialKind;
    const { id, options } = await startRegistration(deps, { user: who.user, binding: who.token, kind, name });
    return reply
      .type(HTML)
      .header('cache-control', 'no-store')
      .send(
        ceremonyPage({
          title: kind === 'platform' ? tr('registerComputerTitle') : tr('registerKeyTitle'),
          intro: kind === 'platform' ? tr('registerPlatformIntro') : tr('registerKeyIntro'),
          mode: 'create',
          action: '/cas/security-keys',
          options,
          fields: { csrf: who.signedIn.csrf, tx: id },
          signedIn: who.signedIn,
          back: { href: '/cas/account', label: tr('cancel') },
        }),
      );
  });

  app.post('/cas/security-keys', async (request, reply) => {
    const who = await signedInUser(request, deps);
    if (!who) return reply.redirect('/cas/login', 303);
    const form = readForm(finishBody, request.body);
    const refuse = (reason: string, status: number) =>
      reply
        .code(status)
        .type(HTML)
        .send(
          messagePage(tr('notRegistered'), tr(REFUSED[reason] ?? 'authenticatorUnverified'), {
            href: '/cas/security-keys/new',
            label: tr('startAgain'),
          }),
        );
    if (!checkCsrf(request, config, form.csrf) || !TX.test(form.tx)) return refuse('expired', 403);
    let response: unknown;
    try {
      response = JSON.parse(form.credential);
    } catch {
      return refuse('invalid', 400);
    }
    const outcome = await finishRegistration(deps, { id: form.tx, binding: who.token, uid: who.user.uid, response });
    if (!outcome.ok) return refuse(outcome.reason, outcome.reason === 'expired' ? 410 : 422);
    // An approval from an existing device allows one new authenticator.
    await store.sessions.setStepUp(who.token, null);
    await store.activity.record(who.user.uid, 'security-key-added', clientContext(request), outcome.credential.name);
    return reply.redirect('/cas/account', 303);
  });

  app.post(
    '/cas/security-keys/:id/rename',
    renameHandler(deps, { id: ID, rename: store.webauthnCredentials.rename, activity: 'security-key-renamed' }),
  );

  app.post(
    '/cas/security-keys/:id/remove',
    removeHandler(deps, {
      remove: async (uid, id) => {
        const credential = ID.test(id) ? await store.webauthnCredentials.byId(id) : undefined;
        return credential && (await store.webauthnCredentials.remove(uid, id)) ? credential.name : null;
      },
      notFound: () => tr('noSuchKey'),
      activity: 'security-key-removed',
    }),
  );
}

const expiredPage = () => messagePage(tr('notChanged'), tr('sessionExpired'), BACK());
