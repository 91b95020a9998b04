/**
 * Typed wiring of the message protocol in src/core/messages.ts to the
 * WebExtension runtime. `createMessageRouter` is pure (unit-tested without a
 * browser); `registerMessageHandlers` and `sendTabMessage` attach it to `browser`.
 * `sendMessage` (to the background) lives in send-message.ts, free of zod for the popup.
 */
import { browser, type Browser } from 'wxt/browser';
import * as z from 'zod/mini';
import {
  mayBeSentFrom,
  MessageError,
  parseRequest,
  protocol,
  type SenderContext,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from '../core/messages';
import { t } from './i18n/t';
import { unwrapReply } from './send-message';

export { sendMessage } from './send-message';

// Extension pages forbid eval (MV3 CSP): zod is told not to try its compiled parsers at all, which
// would otherwise report a CSP violation before falling back (zod 4 "jitless").
z.config({ jitless: true });

/** What the router knows about who sent a message. */
export interface MessageSender {
  /**
   * One of the extension's own contexts (the popup, opened as a popup or in a tab; the background),
   * or a content script beside a web page. The router accepts each message only from the context
   * the contract names (core/messages.ts, `from`).
   */
  context: SenderContext;
  /** The sending tab's URL when the message comes from a content script; undefined from extension pages. */
  tabUrl?: string;
  tabId?: number;
}

export type MessageHandlers = {
  [T in MessageType]: (body: RequestOf<T>, sender: MessageSender) => Promise<ResponseOf<T>> | ResponseOf<T>;
};

/** Each context (background, content script) handles its own part of the protocol. */
export type ContextHandlers = Partial<MessageHandlers>;

/** Turns handlers into one function that checks the sender, validates, dispatches, and never throws. */
export function createMessageRouter(handlers: ContextHandlers) {
  const refuseOthers = (sender: MessageSender) => (type: MessageType) => {
    if (!mayBeSentFrom(type, sender.context)) throw new MessageError(t('notFromHere'));
  };
  return async (raw: unknown, sender: MessageSender): Promise<Reply<unknown>> => {
    try {
      const { type, body } = parseRequest(raw, refuseOthers(sender));
      const handler = handlers[type] as ((body: unknown, sender: MessageSender) => unknown) | undefined;
      if (!handler) throw new MessageError(`Message type "${type}" is not handled here`);
      const value = await handler(body, sender);
      return { ok: true, value: protocol[type].response.parse(value) };
    } catch (error) {
      // Only MessageError texts are meant for people; anything else is a bug whose
      // details (possibly secret-bearing) stay out of the reply.
      if (!(error instanceof MessageError)) return { ok: false, error: t('internalError') };
      return { ok: false, error: error.message, ...(error.code && { code: error.code }) };
    }
  };
}

/** Answers this context's messages; returns what stops it (a content script's instance that ends). */
export function registerMessageHandlers(handlers: ContextHandlers): () => void {
  const route = createMessageRouter(handlers);
  const listener = (
    raw: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply<unknown>) => void,
  ) => {
    // Not ours to answer here: stay silent so the context that handles it can.
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && Object.hasOwn(protocol, type) && !handlers[type as MessageType]) return false;
    // sendResponse + `return true` is the form both Chrome and Firefox accept for async answers.
    // Ours, and from an extension URL or from no tab (the background, as a content script hears
    // it): an extension context. Anything in a tab at a web page's URL is a content script.
    const ours = sender.id === browser.runtime.id;
    const extension = ours && (!!sender.url?.startsWith(browser.runtime.getURL('/')) || !sender.tab);
    const from: MessageSender = extension
      ? { context: 'extension' }
      : {
          context: 'content',
          tabUrl: sender.tab?.url ?? (sender.tab ? sender.url : undefined),
          tabId: sender.tab?.id,
        };
    void route(raw, from).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/**
 * To the content script in a tab. Rejects when none runs there. Its answer is checked against the
 * protocol here: a content script runs beside a page the background does not trust.
 */
export async function sendTabMessage<T extends MessageType>(
  tabId: number,
  type: T,
  body: RequestOf<T>,
  options: { frameId?: number } = {},
): Promise<ResponseOf<T>> {
  const value = unwrapReply(await browser.tabs.sendMessage(tabId, { sidekey: 1, type, body }, options));
  return protocol[type].response.parse(value) as ResponseOf<T>;
}
