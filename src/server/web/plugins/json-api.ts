/**
 * What the JSON routes share: JSON bodies only, and errors as `{error, code, attemptsLeft?}`
 * (`jsonBodiesPlugin`, `apiFail`); and, for the extension's API alone (docs/protocol.md §3, §6),
 * CORS for any origin without credentials — the API takes no cookies, it is authenticated by
 * tokens and device-key signatures — and no caching (`apiHeadersPlugin`). Registered in the JSON
 * scope and its API scope (app.ts), so no hook asks what a path starts with.
 */
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { ApiError } from '../../../core/enrolment-api';

export type ApiCode = NonNullable<ApiError['code']>;

/** In the JSON scope: JSON bodies, parsed by Fastify's own parser refusing prototype poisoning. */
export const jsonBodiesPlugin = fp(
  async (app) => {
    app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  },
  { name: 'sidekey-json-bodies' },
);

export const apiHeadersPlugin = fp(
  async (app) => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-allow-methods', 'POST');
      reply.header('access-control-allow-headers', 'content-type');
      reply.header('access-control-max-age', '600');
      reply.header('cache-control', 'no-store');
    });
    app.options('/api/*', async (_request, reply) => reply.code(204).send());
  },
  { name: 'sidekey-api-headers' },
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

/** A device, enrolment or request id: 128 random bits, base64url (22 characters). */
export const RANDOM_ID = /^[A-Za-z0-9_-]{22}$/;

/** The `:id` of an API path. */
export const idParams = z.object({ id: z.string().regex(RANDOM_ID) });
