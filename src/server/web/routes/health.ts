/** GET /health: liveness and store reachability, for load balancers and the start script. */
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/store';

/**
 * /health answers within this, whatever the store does: a load balancer's check has its own short
 * timeout, and a database that stopped answering (a network that drops packets) must read as
 * "unavailable", not as a check that never returns.
 */
export const HEALTH_DEADLINE_MS = 3000;

export async function healthRoute(app: FastifyInstance, { store, version }: { store: Store; version: string }) {
  app.get('/health', async (_request, reply) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${HEALTH_DEADLINE_MS} ms`)), HEALTH_DEADLINE_MS);
    });
    try {
      const health = await Promise.race([store.health(), late]);
      return { status: 'ok', version, store: health.kind, schemaVersion: health.schemaVersion };
    } catch (error) {
      app.log.error({ err: error }, 'store health check failed');
      return reply.code(503).send({ status: 'unavailable', version, store: store.kind });
    } finally {
      clearTimeout(timer);
    }
  });
}
