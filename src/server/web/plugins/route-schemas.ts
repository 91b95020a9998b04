/**
 * Route inputs declared, not read by hand: a route names the zod schemas of its body, params and
 * query (`{ schema: { body, params, querystring } }`), Fastify runs them before the handler, and
 * the handler gets the parsed values, typed (a Fastify type provider, as fastify-type-provider-zod
 * does; this one stays within what we already use: zod and Fastify's documented
 * `setValidatorCompiler`). Each scope says what a misfit is: a 400 page for the pages' forms, the
 * JSON error `invalid` for the API.
 */
import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import fp from 'fastify-plugin';
import { safeParse, type $ZodType, type input, type output } from 'zod/v4/core';
import { tr } from '../../i18n/catalogue';
import { FormError } from './form-body';

/** Any zod schema: the server's own (zod) and the protocol's shared with the extension (zod/mini). */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends $ZodType ? output<this['schema']> : unknown;
  serializer: this['schema'] extends $ZodType ? input<this['schema']> : unknown;
}

/** A compiler that parses with the route's zod schema; `misfit` is the error for input that does not fit. */
const zodCompiler =
  (misfit: () => Error): FastifySchemaCompiler<$ZodType> =>
  ({ schema }) =>
  (data) => {
    const parsed = safeParse(schema, data);
    return parsed.success ? { value: parsed.data } : { error: misfit() };
  };

/** An input that does not fit, in the request's language: status 400, answered by the scope's error handler. */
class InputError extends Error {
  override name = 'InputError';
  readonly statusCode = 400;
}

/** In the pages' scope: a form that does not fit is a 400 page (no half-understood form). */
export const pageSchemasPlugin = fp(
  async (app) => {
    app.setValidatorCompiler(zodCompiler(() => new FormError('The form is incomplete or malformed')));
  },
  { name: 'sidekey-page-schemas' },
);

/** In the JSON scope: `{ error, code: 'invalid' }`, the API's answer to a malformed request (docs/protocol.md §3). */
export const jsonSchemasPlugin = fp(
  async (app) => {
    app.setValidatorCompiler(zodCompiler(() => new InputError(tr('apiInvalid'))));
  },
  { name: 'sidekey-json-schemas' },
);
