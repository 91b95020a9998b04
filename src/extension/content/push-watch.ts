/**
 * A Sidekey server's "Check your device" page marks itself
 * `data-sidekey-push="waiting"`; seeing it, the content script asks the
 * background to check for requests at once (docs/security-model.md, "Push requests"), so
 * the notification comes even if the channel is down.
 */
export const PUSH_WAITING = '[data-sidekey-push="waiting"]';

export function noticePushPage(doc: Document, check: () => Promise<unknown>): boolean {
  if (!doc.querySelector(PUSH_WAITING)) return false;
  void check().catch(() => undefined);
  return true;
}
