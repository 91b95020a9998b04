/**
 * A `fetch` that reaches this server's own HTTP interface through Fastify's inject: the same
 * requests and answers, without a socket. What the demo relying parties use to speak to the login
 * service in the same process (oidc-demo.ts), and the tests' relying parties.
 */
import type { FastifyInstance } from 'fastify';

export function injectFetch(app: () => Pick<FastifyInstance, 'inject'>) {
  return async (
    url: string,
    options: { method?: string; headers?: Record<string, string>; body?: unknown },
  ): Promise<Response> => {
    const target = new URL(url);
    const res = await app().inject({
      method: (options.method ?? 'GET') as 'GET' | 'POST',
      url: target.pathname + target.search,
      ...(options.headers && { headers: options.headers }),
      ...(options.body !== undefined && options.body !== null && { payload: String(options.body) }),
    });
    return new Response(res.statusCode === 204 || res.statusCode === 304 ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: Object.entries(res.headers).flatMap(([k, v]) =>
        v === undefined ? [] : (Array.isArray(v) ? v : [String(v)]).map((one): [string, string] => [k, one]),
      ),
    });
  };
}
