/** The tab the popup acts on: `?tab=<id>` when opened as a page (tests, a popped-out popup), else the active one. */
import { browser } from 'wxt/browser';

export async function targetTab(): Promise<number | undefined> {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  if (fromQuery && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
