/**
 * Reads the QR code in a tab: first from the elements, by the content script;
 * when that finds none, from a capture of the visible tab, cropped to the
 * elements whose pixels the page keeps from us, or searched whole when there
 * are none (needs activeTab: the user's click).
 */
import { browser } from 'wxt/browser';
import { protocol } from '../../core/messages';
import { sendTabMessage } from '../messaging';
import { CAPTURE_OPTIONS, decodeCapture } from '../qr/decode-capture';

/** The one-shot reader (entrypoints/qr-reader.ts): reads every code of the page it is injected into, then ends. */
export const QR_READER_FILE = '/qr-reader.js';

/**
 * What the page's elements show: the content script's answer where it runs (an enrolled server's
 * pages); elsewhere the one-shot reader's (activeTab, the user's click), which leaves nothing
 * running in a page that is not ours. Its result is checked like a content script's answer.
 */
async function askContentScript(tabId: number, all: boolean) {
  try {
    return await sendTabMessage(tabId, 'readQr', { all });
  } catch {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: [QR_READER_FILE] });
    const seen = protocol.readQr.response.parse(injection?.result);
    return all ? seen : { ...seen, others: [] };
  }
}

/** A URL's origin, or null for what is no URL. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Whether the tab is its window's active one, at `origin` (where its URL is ours to see). */
export function showsOrigin(tab: { active: boolean; url?: string }, origin: string): boolean {
  return tab.active && (tab.url === undefined || originOf(tab.url) === origin);
}

export interface TabQr {
  origin: string;
  payload: string | null;
  /** With `all`: the other codes the page's elements hold (the capture reads one). */
  others: string[];
  /**
   * Read from the capture, not the page's own elements: the picture shows cross-origin frames and
   * images too, so the code may be another site's than `origin`'s.
   */
  captured: boolean;
}

export async function readTabQr(tabId: number, { all = false } = {}): Promise<TabQr> {
  const seen = await askContentScript(tabId, all);
  // Nothing read from the elements: the capture sees what the page shows, however it draws it.
  if (seen.payload) return { origin: seen.origin, payload: seen.payload, others: seen.others, captured: false };
  const none = { origin: seen.origin, payload: null, others: [], captured: false };
  try {
    // The capture shows the window's active tab: it must still be this one, at the origin the
    // content script spoke for, or a code from another page would be bound to this origin.
    const tab = await browser.tabs.get(tabId);
    if (!showsOrigin(tab, seen.origin)) return none;
    const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, CAPTURE_OPTIONS);
    if (!showsOrigin(await browser.tabs.get(tabId), seen.origin)) return none;
    const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
    const payload = decodeCapture(
      bitmap,
      { captureWidth: bitmap.width, captureHeight: bitmap.height, viewportWidth: seen.viewportWidth },
      seen.unreadable,
    );
    bitmap.close();
    return { origin: seen.origin, payload, others: [], captured: payload !== null };
  } catch {
    return none; // no permission to capture, or the tab is not visible
  }
}
