/**
 * Runs in the page. A Sidekey server marks its pages with
 * `<meta name="sidekey-server">`; on such a page the content script reports in
 * to the background and marks the document, so the page (and the end-to-end
 * tests) can tell that the extension is present — "connected", nothing more: no
 * version, no id. Pages without the marker are left untouched: the extension
 * does not reveal itself to arbitrary sites.
 */
import { sendMessage } from '../messaging';

export const SERVER_PAGE_META = 'meta[name="sidekey-server"]';

export async function connectServerPage(doc: Document, loc: Location): Promise<void> {
  if (!doc.querySelector(SERVER_PAGE_META)) return;
  try {
    await sendMessage('ping', { origin: loc.origin, path: loc.pathname });
    doc.documentElement.dataset.sidekeyBridge = 'connected';
  } catch {
    doc.documentElement.dataset.sidekeyBridge = 'unavailable';
  }
}
