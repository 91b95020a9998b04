/**
 * What every route of the extension's JSON API shares (docs/protocol.md §3, §6):
 * CORS for any origin without credentials (the API takes no cookies, it is
 * authenticated by tokens and device-key signatures), strict body parsing, and
 * errors as `{error, code, attemptsLeft?}`.
 */
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';
import type { ApiError } from '../../../core/enrolment-api';

export type ApiCode = NonNullable<ApiError['code']>;

export const jsonApiPlugin = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/')) return;
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-allow-methods', 'POST');
      reply.header('access-control-allow-headers', 'content-type');
      reply.header('access-control-max-age', '600');
      reply.header('cache-control', 'no-store');
    });
    app.options('/api/*', async (_request, reply) => reply.code(204).send());
  },
  { name: 'sidekey-json-api' },
);

export function apiFail(
  reply: FastifyReply,
  status: number,
  code: ApiCode,
  message: string,
  extra: Partial<ApiError> = {},
) {
  return reply.code(status).send({ error: message, code, ...extra } satisfies ApiError);
}

/** The body if it matches the schema exactly, else undefined (the route answers 400). */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> | undefined {
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
}
