/** GET /health: liveness and store reachability, for load balancers and the start script. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/store';

export async function healthRoute(app: FastifyInstance, { store, version }: { store: Store; version: string }) {
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
