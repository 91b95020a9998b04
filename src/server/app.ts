/**
 * Builds the reference server as a Fastify instance. Never listens: main.ts
 * does, and tests call `app.inject()` on a fresh app.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import { registerHealthRoute } from './routes/health';
import { registerHomeRoutes } from './routes/home';
import { registerSecurityHeaders } from './security-headers';
import type { Store } from './store/store';

export const SERVER_VERSION = '0.1.0';

/** Bodies larger than this are refused with 413 before any route sees them. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface AppOptions {
  config: ServerConfig;
  store: Store;
  /** A pino logger configuration, or false for none (tests). */
  logger?: boolean | object;
}

export async function buildApp({ config, store, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a load balancer, the client address comes from X-Forwarded-For only if configured (later).
    trustProxy: false,
  });

  registerSecurityHeaders(app, config.publicUrl.startsWith('https:'));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    // Client errors keep Fastify's short, non-revealing message ("Body cannot be empty…");
    // server errors say nothing about their cause.
    return reply.code(status).send({ error: status === 500 ? 'Internal server error' : error.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Not found' }));

  registerHealthRoute(app, store, SERVER_VERSION);
  registerHomeRoutes(app);
  return app;
}
