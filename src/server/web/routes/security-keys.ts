/**
 * My Account → "Security Keys and Trusted Platforms": add one (after a fresh
 * password and, when the account has a mobile device, that device's approval),
 * rename, remove (asks the password). docs/protocol.md §8.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { WithDeps } from '../../domain/deps';
import { finishRegistration, startRegistration } from '../../domain/webauthn';
import { tr, type PageKey } from '../../i18n/catalogue';
import type { CredentialKind } from '../../store/webauthn';
import { reauthRoute, removeRoute, renameRoute, requireSensitiveChange } from '../flows/account-changes';
import { text } from '../plugins/form-body';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { clientContext, signedIn } from '../plugins/session';
import { messagePage } from '../views/login';
import { addSecurityKeyPage, ceremonyPage } from '../views/security-keys';

const ID = /^[A-Za-z0-9_-]{16,400}$/;
const TX = /^[A-Za-z0-9_-]{22}$/;
/** The re-authentication page of this change (its title in the page's language). */
const REAUTH = () => ({ title: tr('addKey'), action: '/cas/security-keys/reauth' });

const addBody = z.object({ name: text(100).default(''), kind: text(20).default('') });
/** The browser's credential as JSON (WebAuthn §5.1 toJSON); attestation objects stay well under 16 KiB. */
const finishBody = z.object({ tx: text(40).default(''), credential: text(16384) });

const REFUSED: Record<string, PageKey> = {
  expired: 'registrationExpired',
  invalid: 'authenticatorUnverified',
  'attestation-required': 'attestationRequired',
  exists: 'authenticatorExists',
};

export async function securityKeyRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { store } = deps;
  const { requireSignIn } = app;
  const addingKey = requireSensitiveChange(deps, () => ({ reauth: REAUTH(), next: '/cas/security-keys/new' }));

  app.get('/cas/security-keys/new', { preHandler: [requireSignIn, addingKey] }, async (request, reply) => {
    const who = signedIn(request);
    return reply.html(addSecurityKeyPage({ signedIn: who.frame }));
  });

  app.post('/cas/security-keys/reauth', {
    preHandler: requireSignIn,
    ...reauthRoute(deps, REAUTH, '/cas/security-keys/new'),
  });

  app.post(
    '/cas/security-keys/new',
    { preHandler: [requireSignIn, addingKey], schema: { body: addBody } },
    async (request, reply) => {
      const form = request.body;
      const who = signedIn(request);
      const name = form.name.trim();
      const errors: { name?: string; kind?: string } = {};
      if (!name || [...name].length > 50) errors.name = tr('nameRule');
      if (form.kind !== 'platform' && form.kind !== 'security-key') errors.kind = tr('whatToRegister');
      if (Object.keys(errors).length)
        return reply
          .code(422)
          .html(addSecurityKeyPage({ signedIn: who.frame, values: { name, kind: form.kind }, errors }));
      const kind = form.kind as CredentialKind;
      const { id, options } = await startRegistration(deps, { user: who.user, binding: who.token, kind, name });
      return reply.header('cache-control', 'no-store').html(
        ceremonyPage({
          title: kind === 'platform' ? tr('registerComputerTitle') : tr('registerKeyTitle'),
          intro: kind === 'platform' ? tr('registerPlatformIntro') : tr('registerKeyIntro'),
          mode: 'create',
          action: '/cas/security-keys',
          options,
          fields: { csrf: who.frame.csrf, tx: id },
          signedIn: who.frame,
          back: { href: '/cas/account', label: tr('cancel') },
        }),
      );
    },
  );

  app.post(
    '/cas/security-keys',
    { preHandler: requireSignIn, schema: { body: finishBody } },
    async (request, reply) => {
      const who = signedIn(request);
      const form = request.body;
      const refuse = (reason: string, status: number) =>
        reply.code(status).html(
          messagePage(tr('notRegistered'), tr(REFUSED[reason] ?? 'authenticatorUnverified'), {
            href: '/cas/security-keys/new',
            label: tr('startAgain'),
          }),
        );
      if (!TX.test(form.tx)) return refuse('expired', 403);
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
      return reply.goTo('/cas/account');
    },
  );

  app.post('/cas/security-keys/:id/rename', {
    preHandler: requireSignIn,
    ...renameRoute(deps, { id: ID, rename: store.webauthnCredentials.rename, activity: 'security-key-renamed' }),
  });

  app.post('/cas/security-keys/:id/remove', {
    preHandler: requireSignIn,
    ...removeRoute(deps, {
      remove: async (uid, id) => {
        const credential = ID.test(id) ? await store.webauthnCredentials.byId(id) : undefined;
        return credential && (await store.webauthnCredentials.remove(uid, id)) ? credential.name : null;
      },
      notFound: () => tr('noSuchKey'),
      activity: 'security-key-removed',
    }),
  });
}
