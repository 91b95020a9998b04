/**
 * Builds the reference server as a Fastify instance. Never listens: main.ts
 * does, and tests call `app.inject()` on a fresh app.
 */
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { CHANNEL_MAX_FRAME_BYTES } from '../core/push-api';
import type { Deps } from './domain/deps';
import { createDeviceHub } from './domain/device-channel';
import { startHousekeeping } from './domain/housekeeping';
import type { ServerConfig } from './platform/config';
import { devOutboxDir } from './platform/mailer';
import { startMailQueue, type MailQueue } from './domain/mail-queue';
import { createOcraKeys } from './domain/ocra-keys';
import { withDemoClient } from './domain/oidc/clients';
import type * as OidcProviderModule from './domain/oidc/provider';
import { createSecretBox } from './platform/secret-box';
import { serverKey } from './platform/server-key';
import type { Store } from './store/store';
import { csrfCheckPlugin, csrfTokensPlugin } from './web/plugins/csrf';
import { jsonErrorsPlugin, pageErrorsPlugin, unroutedErrorsPlugin } from './web/plugins/errors';
import { formBodyPlugin } from './web/plugins/form-body';
import { htmlPlugin } from './web/plugins/html';
import { apiHeadersPlugin, jsonBodiesPlugin } from './web/plugins/json-api';
import { pageLanguagePlugin } from './web/plugins/language';
import { jsonSchemasPlugin, pageSchemasPlugin } from './web/plugins/route-schemas';
import { securityHeadersPlugin } from './web/plugins/security-headers';
import { sessionsPlugin } from './web/plugins/session';
import { accountRoutes } from './web/routes/account';
import { brokerApi } from './web/routes/broker-api';
import { casValidateRoutes } from './web/routes/cas-validate';
import { deviceRoutes, enrolmentStatusRoute } from './web/routes/devices';
import { enrolmentApi } from './web/routes/enrolment-api';
import { europassRoutes } from './web/routes/europass';
import { healthRoute } from './web/routes/health';
import { homeRoutes } from './web/routes/home';
import { loginRoutes } from './web/routes/login';
import { oidcInteractionRoutes, oidcProviderRoutes } from './web/routes/oidc';
import { oidcDemoRoutes } from './web/routes/oidc-demo';
import { oidcErrorPage, signOutPage } from './web/views/oidc';
import { outboxRoutes } from './web/routes/outbox';
import { passwordRoutes } from './web/routes/password';
import { pushApi } from './web/routes/push-api';
import { pushSignInRoutes, pushStatusRoute } from './web/routes/push-sign-in';
import { qrSignInRoutes } from './web/routes/qr-sign-in';
import { registrationRoutes } from './web/routes/register';
import { securityKeyRoutes } from './web/routes/security-keys';
import { staticRoutes } from './web/routes/static';
import { webauthnSignInRoutes } from './web/routes/webauthn-sign-in';

export const SERVER_VERSION = '0.1.0';

/**
 * oidc-provider's module, loaded once a process and only where the provider runs (not in production
 * without clients). Under Node 20 it prints an "Unsupported runtime" warning as it is evaluated (it
 * asks for 22; 9.x runs here and its flows are tested on 20, docs/oidc.md): that one line goes to
 * the log of the app that loaded it instead of raw to stderr. One load shared by every app, so two
 * apps built at once never wrap console.warn over each other.
 */
let providerModule: Promise<typeof OidcProviderModule> | undefined;

function oidcProviderModule(log: FastifyInstance['log']) {
  return (providerModule ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (String(args[0]).startsWith('oidc-provider WARNING: Unsupported runtime')) log.warn(String(args[0]));
      else warn(...args);
    };
    try {
      return await import('./domain/oidc/provider');
    } finally {
      console.warn = warn;
    }
  })());
}

async function loadOidcProvider(config: ServerConfig, store: Store, key: Uint8Array, log: FastifyInstance['log']) {
  const { createOidcProvider } = await oidcProviderModule(log);
  return createOidcProvider(config, store, key, { signOut: signOutPage, error: oidcErrorPage });
}

/** Bodies larger than this are refused with 413 before any route sees them. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface AppOptions {
  config: ServerConfig;
  store: Store;
  /** A pino logger configuration, or false for none (tests). */
  logger?: boolean | object;
  /** Defaults to a mail sender's thread of the app's own; tests pass one to wait for it. Stopped with the app. */
  mail?: MailQueue;
  now?: () => number;
}

export async function buildApp({
  config: configured,
  store,
  logger = false,
  mail,
  now = Date.now,
}: AppOptions): Promise<FastifyInstance> {
  const key = serverKey(configured);
  // The OpenID Provider runs in development and tests, and in production where clients are
  // configured (its keys are then required); the demo relying party is one of its clients.
  const oidcOn = configured.mode !== 'production' || configured.oidcClients.length > 0;
  const config = oidcOn ? withDemoClient(configured, key) : configured;
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind reverse proxies, the client address (throttles, logs, activity) and scheme are what
    // they report — only they: proxy-addr takes the rightmost X-Forwarded-For entry not theirs, so a
    // client's own header is never believed. No TRUST_PROXY: the peer is the client.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
  });

  const queue = mail ?? startMailQueue({ config, store, log: app.log });
  const secrets = createSecretBox(key);
  const deps: Deps = { config, store, mail: queue, secrets, ocraKeys: createOcraKeys(secrets), now };
  // The sender's thread stops before the store closes (main.ts closes it onClose; preClose runs
  // before every onClose), within its bound: a mail under way is left in the outbox for the next start.
  app.addHook('preClose', () => queue.stop());

  // What every request shares, each a plugin (fastify-plugin: its hooks and decorations reach every route).
  await app.register(securityHeadersPlugin, { secure: config.publicUrl.startsWith('https:') });
  await app.register(htmlPlugin);
  await app.register(cookie);
  await app.register(csrfTokensPlugin, { config });
  await app.register(sessionsPlugin, { deps });
  await app.register(pageLanguagePlugin, { config });
  // Before the routes, so it can take upgrades (RFC 6455 frames over CHANNEL_MAX_FRAME_BYTES are refused by ws).
  await app.register(websocket, { options: { maxPayload: CHANNEL_MAX_FRAME_BYTES } });
  // No body is read outside the two scopes below, each of which says which it reads.
  app.removeAllContentTypeParsers();
  await app.register(unroutedErrorsPlugin);

  // The OpenID Provider, where clients are configured (docs/oidc.md): its own routes, bodies and errors.
  const oidc = oidcOn ? await loadOidcProvider(config, store, key, app.log) : null;
  if (oidc) await app.register(oidcProviderRoutes, { provider: oidc, deps });

  const hub = createDeviceHub(deps);
  app.addHook('preClose', async () => hub.close());
  const stopHousekeeping = startHousekeeping(store, app.log);
  app.addHook('preClose', () => stopHousekeeping());

  // The pages: form bodies only, a CSRF check on every form post, errors as HTML pages. One route
  // plugin per area, each in its own scope.
  await app.register(async (pages) => {
    await pages.register(formBodyPlugin);
    await pages.register(csrfCheckPlugin, { config });
    await pages.register(pageErrorsPlugin);
    await pages.register(pageSchemasPlugin);
    await pages.register(staticRoutes);
    for (const routes of [
      homeRoutes,
      registrationRoutes,
      passwordRoutes,
      loginRoutes,
      qrSignInRoutes,
      pushSignInRoutes,
      webauthnSignInRoutes,
      securityKeyRoutes,
      casValidateRoutes,
      accountRoutes,
      deviceRoutes,
      europassRoutes,
    ])
      await pages.register(routes, { deps });
    if (oidc) await pages.register(oidcInteractionRoutes, { deps, provider: oidc });
    await pages.register(oidcDemoRoutes, { deps });
    const outboxDir = devOutboxDir(config);
    if (outboxDir && config.mode !== 'production') await pages.register(outboxRoutes, { outboxDir });
  });

  // JSON: JSON bodies only, errors in the one JSON shape. /health and the waiting pages' long polls
  // (behind the session cookie), and the extension's API with its own headers (CORS, no-store).
  await app.register(async (json) => {
    await json.register(jsonBodiesPlugin);
    await json.register(jsonErrorsPlugin);
    await json.register(jsonSchemasPlugin);
    await json.register(healthRoute, { store, version: SERVER_VERSION });
    for (const routes of [enrolmentStatusRoute, pushStatusRoute]) await json.register(routes, { deps });
    await json.register(async (api) => {
      await api.register(apiHeadersPlugin);
      for (const routes of [enrolmentApi, brokerApi]) await api.register(routes, { deps });
      await api.register(pushApi, { deps, hub });
    });
  });
  return app;
}
