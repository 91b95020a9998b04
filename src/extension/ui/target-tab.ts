/** The tab the popup acts on: `?tab=<id>` when opened as a page (tests, a popped-out popup), else the active one. */
import { browser } from 'wxt/browser';

/** `?tab=<id>`, where the popup was opened as a page for a tab. */
export function tabFromQuery(): number | undefined {
  const fromQuery = new URLSearchParams(location.search).get('tab');
  return fromQuery && /^\d+$/.test(fromQuery) ? Number(fromQuery) : undefined;
}

export async function targetTab(): Promise<number | undefined> {
  const fromQuery = tabFromQuery();
  if (fromQuery !== undefined) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
