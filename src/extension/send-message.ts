/**
 * Messages from an extension page (the popup) to the background. No schema here: the background's
 * router validates every request on arrival and its own answer before sending it
 * (messaging.ts, createMessageRouter), and runtime.sendMessage from an extension page reaches only
 * the extension's own contexts, never a content script or a page. Checking the answer again would
 * cost the popup a schema library on the path the user waits for, and find nothing.
 */
import { browser } from 'wxt/browser';
import type { MessageType, RequestOf, ResponseOf } from '../core/messages';
import { MessageError, type Reply } from '../core/message-reply';
import { t } from './i18n/t';

export async function sendMessage<T extends MessageType>(type: T, body: RequestOf<T>): Promise<ResponseOf<T>> {
  return unwrapReply(await browser.runtime.sendMessage({ sidekey: 1, type, body })) as ResponseOf<T>;
}

/** The value of a reply, or its error thrown as a MessageError. */
export function unwrapReply(raw: unknown): unknown {
  const reply = raw as Reply<unknown> | undefined;
  if (!reply) throw new MessageError(t('noAnswer'));
  if (!reply.ok) throw new MessageError(reply.error, reply.code);
  return reply.value;
}
