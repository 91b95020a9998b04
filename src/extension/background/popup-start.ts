/**
 * The popup's first question (`popupStart`, docs/protocol.md): the sign-in waiting for a PIN and,
 * when none waits, the one-time codes of the tab, in one round trip. Asked apart, the codes'
 * question could leave only once the first was answered, and then queued in the worker behind the
 * popup's other questions (the accounts, the servers' requests, the page's QR code).
 */
import { browser } from 'wxt/browser';
import type { MessageHandlers } from '../messaging';

export function createPopupStart(
  handlers: Pick<MessageHandlers, 'getPendingLogin' | 'otpList'>,
  activeTab: () => Promise<number | null> = currentTab,
): Pick<MessageHandlers, 'popupStart'> {
  return {
    popupStart: async ({ tabId }, sender) => {
      const login = await handlers.getPendingLogin({}, sender);
      // A sign-in waits: the popup shows its PIN prompt, and nothing of the codes is worked out.
      if (login.pending) return { login, codes: null };
      const tab = tabId ?? (await activeTab());
      return { login, codes: { tabId: tab, list: await handlers.otpList({ tabId: tab }, sender) } };
    },
  };
}

/**
 * The tab the toolbar popup acts on: the active tab of the current window, which for the
 * background is the window focused last — the one whose toolbar button opened the popup.
 */
async function currentTab(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  return tab?.id ?? null;
}
