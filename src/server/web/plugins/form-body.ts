/**
 * application/x-www-form-urlencoded, parsed strictly (WHATWG URL §5.1 with
 * errors instead of repairs): the body must be valid UTF-8, every %-escape must
 * decode to valid UTF-8, at most MAX_FIELDS fields. Anything else is a 400,
 * never a half-understood form. Repeated names keep their first value.
 */
import fp from 'fastify-plugin';
import { z } from 'zod';

export const MAX_FIELDS = 50;

export class FormError extends Error {
  override name = 'FormError';
  constructor(
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

export function parseForm(body: Buffer): Record<string, string> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new FormError('The form data is not valid UTF-8');
  }
  const fields: Record<string, string> = Object.create(null);
  const pairs = text.split('&').filter((pair) => pair !== '');
  if (pairs.length > MAX_FIELDS) throw new FormError(`The form has more than ${MAX_FIELDS} fields`);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const [rawName, rawValue] = eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new FormError('The form data is malformed');
    }
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}

/** In the pages' scope: form bodies only (the JSON scope reads JSON). */
export const formBodyPlugin = fp(
  async (app) => {
    // The pages' forms are the documented contract; anything else is refused before the body is
    // read (RFC 9110 §15.5.16, 415 Unsupported Media Type), with words a person can read.
    app.addHook('preParsing', async (request) => {
      const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (type && type !== 'application/x-www-form-urlencoded') {
        throw new FormError('The form must be sent as application/x-www-form-urlencoded', 415);
      }
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => {
      try {
        done(null, parseForm(body as Buffer));
      } catch (error) {
        done(error as FormError, undefined);
      }
    });
  },
  { name: 'sidekey-form-body' },
);

/** A form field: a string of bounded length, control characters refused (tabs and newlines aside). */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .refine((value) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(value), 'contains control characters');
