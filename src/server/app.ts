/**
 * Builds the reference server as a Fastify instance. Never listens: main.ts
 * does, and tests call `app.inject()` on a fresh app.
 */
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './platform/config';
import type { Deps } from './domain/deps';
import { registerFormParser } from './web/plugins/form-body';
import { registerApiHeaders } from './web/plugins/json-api';
import { registerPageLanguage } from './web/plugins/language';
import { createMailer, type Mailer } from './platform/mailer';
import { registerAccountRoutes } from './web/routes/account';
import { registerBrokerApi } from './web/routes/broker-api';
import { registerCasValidateRoutes } from './web/routes/cas-validate';
import { registerDeviceRoutes } from './web/routes/devices';
import { registerEnrolmentApi } from './web/routes/enrolment-api';
import { registerEuropassRoutes } from './web/routes/europass';
import { registerHealthRoute } from './web/routes/health';
import { registerHomeRoutes } from './web/routes/home';
import { registerStaticRoutes } from './web/routes/static';
import { registerLoginRoutes } from './web/routes/login';
import { registerOutboxRoutes } from './web/routes/outbox';
import { registerPasswordRoutes } from './web/routes/password';
import { registerPushApi } from './web/routes/push-api';
import { registerPushSignInRoutes } from './web/routes/push-sign-in';
import { registerQrSignInRoutes } from './web/routes/qr-sign-in';
import { registerRegistrationRoutes } from './web/routes/register';
import { registerSecurityKeyRoutes } from './web/routes/security-keys';
import { registerWebauthnSignInRoutes } from './web/routes/webauthn-sign-in';
import { registerSecurityHeaders } from './web/plugins/security-headers';
import { registerHtmlReplies } from './web/plugins/html';
import { registerCsrf } from './web/plugins/csrf';
import { registerSessionSlot } from './web/plugins/session';
import { registerErrorPages } from './web/plugins/errors';
import { CHANNEL_MAX_FRAME_BYTES } from '../core/push-api';
import { createBackground, type Background } from './platform/background';
import { createDeviceHub } from './domain/device-channel';
import { startHousekeeping } from './domain/housekeeping';
import { createSecretBox } from './platform/secret-box';
import { serverKey } from './platform/server-key';
import type { Store } from './store/store';

export const SERVER_VERSION = '0.1.0';

/** Bodies larger than this are refused with 413 before any route sees them. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface AppOptions {
  config: ServerConfig;
  store: Store;
  /** A pino logger configuration, or false for none (tests). */
  logger?: boolean | object;
  /** Defaults to the one the configuration names (SMTP or the development outbox). */
  mailer?: Mailer;
  /** Defaults to a queue of the app's own; tests pass one to wait for it. */
  background?: Background;
  now?: () => number;
}

export async function buildApp({
  config,
  store,
  logger = false,
  mailer,
  background,
  now = Date.now,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a load balancer, the client address comes from X-Forwarded-For only if configured (later).
    trustProxy: false,
  });

  const ownMailer = !mailer;
  const deps: Deps = {
    config,
    store,
    mailer: mailer ?? createMailer({ ...config.mail, dataDir: config.dataDir }),
    background: background ?? createBackground(app.log),
    secrets: createSecretBox(serverKey(config)),
    now,
  };
  // Queued mails go out before anything closes: onClose hooks run last-added first (so the store
  // main.ts closes would go before them); preClose runs before every onClose. Bounded: a mail
  // server that does not answer must not hold a restart.
  app.addHook('preClose', () => deps.background.drain());
  if (ownMailer) app.addHook('onClose', async () => deps.mailer.close());

  registerSecurityHeaders(app, config.publicUrl.startsWith('https:'));
  registerHtmlReplies(app);
  await app.register(cookie);
  registerCsrf(app, config);
  registerSessionSlot(app);
  registerPageLanguage(app, config);
  // Before the routes, so it can take upgrades (RFC 6455 frames over CHANNEL_MAX_FRAME_BYTES are refused by ws).
  await app.register(websocket, { options: { maxPayload: CHANNEL_MAX_FRAME_BYTES } });
  const hub = createDeviceHub(deps);
  app.addHook('preClose', async () => hub.close());
  const stopHousekeeping = startHousekeeping(store, app.log);
  app.addHook('preClose', () => stopHousekeeping());
  registerFormParser(app);

  registerErrorPages(app);

  registerHealthRoute(app, store, SERVER_VERSION);
  registerHomeRoutes(app, deps);
  registerStaticRoutes(app);
  registerRegistrationRoutes(app, deps);
  registerPasswordRoutes(app, deps);
  registerLoginRoutes(app, deps);
  registerQrSignInRoutes(app, deps);
  registerPushSignInRoutes(app, deps);
  registerWebauthnSignInRoutes(app, deps);
  registerSecurityKeyRoutes(app, deps);
  registerCasValidateRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerDeviceRoutes(app, deps);
  registerApiHeaders(app);
  registerEnrolmentApi(app, deps);
  registerPushApi(app, deps, hub);
  registerBrokerApi(app, deps);
  registerEuropassRoutes(app, deps);
  if (deps.mailer.outboxDir && config.mode !== 'production') await registerOutboxRoutes(app, deps.mailer.outboxDir);
  return app;
}
