/**
 * The one-time codes a page may have (docs/otp-accounts.md §4): the fill script's two questions,
 * and the keyboard shortcut and context menu. A page gets only the accounts of its own site, in
 * a secure context, and only while the vault is unlocked; its URL is the browser's word
 * (`sender.tab.url`), never the page's.
 */
import { browser } from 'wxt/browser';
import { MessageError } from '../../../core/messages';
import { pageMayReceive, siteOf } from '../../../core/otp/site';
import { t } from '../../i18n/t';
import { sendTabMessage, type ContextHandlers, type MessageSender } from '../../messaging';
import { listOrder, nextCode } from '../account-views';
import type { CodeAccounts } from '../code-accounts';
import { userErrors } from '../user-errors';

export function createOtpPageService({ otp, now = Date.now }: { otp: CodeAccounts; now?: () => number }) {
  /** The accounts a page may be offered: its site's, pinned first (`use`: the user asked). */
  async function pageAccounts(url: string, use: boolean) {
    return (await otp.accounts({ use })).filter((a) => pageMayReceive(url, a.site)).sort(listOrder(siteOf(url)));
  }

  // Only content scripts may ask (the router); the page's URL is the browser's word for its tab.
  const fromPage = (sender: MessageSender) => sender.tabUrl;

  const handlers = {
    otpOffer: async (_body, sender) => {
      const url = fromPage(sender);
      if (!url || !pageMayReceive(url, siteOf(url))) return { locked: false, accounts: [] };
      const state = await otp.state();
      // Locked, the sites are sealed too: the page hears only that Sidekey is locked.
      if (state !== 'unlocked') return { locked: state === 'locked', accounts: [] };
      const accounts = await pageAccounts(url, false);
      return {
        locked: false,
        accounts: accounts.slice(0, 100).map(({ id, issuer, label }) => ({ id, issuer, label })),
      };
    },
    otpCodeForPage: ({ id }, sender) =>
      userErrors(async () => {
        const url = fromPage(sender);
        const account = url ? (await pageAccounts(url, true)).find((a) => a.id === id) : undefined;
        // The same answer for an id of another site and for no such id: a page learns nothing.
        if (!account) throw new MessageError(t('otpNoCodeHere'));
        return { code: await nextCode(otp, account, now()) };
      }),
  } satisfies ContextHandlers;

  /**
   * The keyboard shortcut and the context menu: the code of the page's own account (pinned first)
   * into the focused field. Nothing for a page whose site has none; a locked vault opens the popup.
   */
  async function fillTab(tab: { id?: number; url?: string }) {
    if (tab.id === undefined || !tab.url) return;
    if ((await otp.state()) !== 'unlocked') {
      await browser.action.openPopup?.().catch(() => undefined);
      return;
    }
    const [account] = await pageAccounts(tab.url, true);
    if (!account) return;
    await sendTabMessage(tab.id, 'otpFill', { code: await nextCode(otp, account, now()) }, { frameId: 0 }).catch(
      () => undefined,
    );
  }

  return { handlers, fillTab };
}
