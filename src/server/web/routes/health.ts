/** GET /health: liveness and store reachability, for load balancers and the start script; the outbox's counts for operators. */
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
      const [health, mail] = await Promise.race([Promise.all([store.health(), store.mailOutbox.counts()]), late]);
      // Mail waiting or given up is for the operator to see, not a reason to take this instance
      // out of a load balancer: the mail server is not this instance.
      return { status: 'ok', version, store: health.kind, schemaVersion: health.schemaVersion, mail };
    } catch (error) {
      app.log.error({ err: error }, 'store health check failed');
      return reply.code(503).send({ status: 'unavailable', version, store: store.kind });
    } finally {
      clearTimeout(timer);
    }
  });
}
