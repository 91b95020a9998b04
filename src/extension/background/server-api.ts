/**
 * Calls to a Sidekey server's JSON API (docs/protocol.md §3), with the answer
 * checked against its schema and errors turned into messages for people.
 */
import type * as z from 'zod/mini';
import { apiError } from '../../core/enrolment-api';
import { MessageError } from '../../core/messages';
import { t } from '../i18n/t';

export class ApiCallError extends MessageError {
  constructor(
    message: string,
    readonly status: number,
    code?: string,
    readonly attemptsLeft?: number,
  ) {
    super(message, code);
  }
}

export async function postJson<T extends z.ZodMiniType>(
  origin: string,
  path: string,
  body: unknown,
  schema: T,
): Promise<z.infer<T>> {
  let res: Response;
  try {
    res = await fetch(new URL(path, origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiCallError(t('serverUnreachable', { origin }), 0);
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = apiError.safeParse(json);
    if (error.success) throw new ApiCallError(error.data.error, res.status, error.data.code, error.data.attemptsLeft);
    throw new ApiCallError(t('serverError', { status: res.status }), res.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiCallError(t('serverGarbled'), res.status);
  return parsed.data;
}
