/**
 * The zod-free half of the message protocol (src/core/messages.ts): the reply envelope and the
 * error whose text is meant for people. The popup imports only this and types, so its script
 * carries no schema library (it is what the user waits for when opening the popup).
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string; code?: string };

/** A failure whose message is for people; `code`, where it has one, names it for code (and tests). */
export class MessageError extends Error {
  override name = 'MessageError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
