/** GET /health: liveness and store reachability, for load balancers and the start script. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/store';

export function registerHealthRoute(app: FastifyInstance, store: Store, version: string): void {
  app.get('/health', async (_request, reply) => {
    try {
      const health = await store.health();
      return { status: 'ok', version, store: health.kind, schemaVersion: health.schemaVersion };
    } catch (error) {
      app.log.error({ err: error }, 'store health check failed');
      return reply.code(503).send({ status: 'unavailable', version, store: store.kind });
    }
  });
}
