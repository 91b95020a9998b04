/**
 * Sign-in with the "EU Login Mobile App QR Code" method, the extension as the
 * app. The content script reports a login QR (or, when it reported none, the
 * popup has the tab read again); it is accepted only when the tab's
 * origin is the origin the code names and an enrolled account there has the
 * code's user (origin binding: a copy on any other site gets nothing). The
 * popup then asks the PIN; the code is computed (RFC 6287) with the
 * PIN-unwrapped key — a wrong PIN gives a wrong code, which only the server
 * can tell — and typed into the page that still shows that very sign-in.
 */
import { defineStoredItem } from '../stored-item';
import { browser } from 'wxt/browser';
import { isLoginQr, parseLoginQr, type LoginQr } from '../../core/login-qr';
import { MessageError } from '../../core/messages';
import { ocra } from '../../core/ocra';
import { sendTabMessage, type MessageHandlers } from '../messaging';
import { settings } from '../settings';
import type { Vault } from '../vault/vault';
import { openPopupWindow } from './popup-window';
import { originOf } from './tab-qr';
import { t } from '../i18n/t';
import { unlockOcraKey } from './unlock';

/** The server's challenge lives 2 minutes; a pending sign-in no longer than that. */
export const PENDING_LOGIN_MS = 2 * 60_000;

interface PendingLogin {
  tabId: number;
  payload: string;
  accountId: string;
  at: number;
}

const pendingLogin = defineStoredItem<PendingLogin | null>('session:pendingLogin', { fallback: null });
/**
 * A code filled into a page, whose answer (the server's page after the form) may still come:
 * only that tab, at that origin, may report it, and once (the popup shows it).
 */
const awaitingResult = defineStoredItem<{ tabId: number; origin: string; at: number } | null>(
  'session:awaitingLoginResult',
  { fallback: null },
);
const lastResult = defineStoredItem<{ origin: string; code: string; attemptsLeft: number | null } | null>(
  'session:lastLoginResult',
  {
    fallback: null,
  },
);

export const LOGIN_NOTIFICATION = 'sidekey-login';

/** Clicking the notification opens the PIN prompt in a small window of its own. */
export function registerLoginNotificationClicks(): void {
  browser.notifications.onClicked.addListener((id) => {
    if (id !== LOGIN_NOTIFICATION) return;
    void browser.notifications.clear(id);
    void openPopupWindow();
  });
}

/** Ends the sign-in waiting for its PIN: its prompt, badge and notification go. */
async function endPendingLogin(): Promise<void> {
  const pending = await pendingLogin.getValue();
  if (!pending) return;
  await pendingLogin.setValue(null);
  await browser.notifications.clear(LOGIN_NOTIFICATION).catch(() => false);
  await browser.action.setBadgeText({ tabId: pending.tabId, text: '' }).catch(() => undefined);
}

/**
 * A QR sign-in ends in the extension as soon as its page no longer shows it: the tab closed, or
 * navigating anywhere (another method, back, a link, a reload — a page that still shows a code
 * reports it again). Registered at the background's start, as MV3 requires of listeners.
 */
export function registerLoginTabWatch(): void {
  const endIf = async (tabId: number) => {
    if ((await pendingLogin.getValue())?.tabId === tabId) await endPendingLogin();
  };
  browser.tabs.onRemoved.addListener((tabId) => void endIf(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // `url` is told only for pages we have host access to; `status` for every page.
    if (change.status === 'loading' || change.url !== undefined) void endIf(tabId);
  });
}

export function createLoginService(
  vault: () => Promise<Vault>,
  readTabQr: (tabId: number) => Promise<{ origin: string; payload: string | null }>,
  now: () => number = Date.now,
) {
  async function current(): Promise<{ pending: PendingLogin; qr: LoginQr } | null> {
    const pending = await pendingLogin.getValue();
    if (!pending || now() - pending.at > PENDING_LOGIN_MS) return null;
    return { pending, qr: parseLoginQr(pending.payload) };
  }

  /** Makes the code the sign-in waiting for its PIN if it names `origin` (the tab's) and an account held there. */
  async function accept(payload: string, tabId: number, origin: string) {
    let qr: LoginQr;
    try {
      qr = parseLoginQr(payload);
    } catch {
      return null;
    }
    if (origin !== qr.origin) return null;
    const account = (await (await vault()).byOrigin(qr.origin)).find((a) => a.uid === qr.uid);
    if (!account) return null;
    await pendingLogin.setValue({ tabId, payload, accountId: account.id, at: now() });
    await browser.action.setBadgeText({ tabId, text: '1' }).catch(() => undefined);
    return { qr, account };
  }

  const loginQrSeen: MessageHandlers['loginQrSeen'] = async ({ payload }, sender) => {
    if (!sender.tabUrl || sender.tabId === undefined) return { accepted: false };
    const accepted = await accept(payload, sender.tabId, new URL(sender.tabUrl).origin);
    if (!accepted) return { accepted: false };
    const { qr, account } = accepted;
    // Where the browser allows it, bring the PIN prompt up at once; otherwise the badge and a
    // notification lead there (Firefox opens popups only from a user's click).
    const opened = await Promise.resolve()
      .then(() => (browser.action as { openPopup?: () => Promise<void> }).openPopup?.())
      .then(
        () => true,
        () => false,
      );
    if (!opened) {
      await browser.notifications
        .create(LOGIN_NOTIFICATION, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title: t('notifySignInWaiting'),
          message: t('notifySignInWaitingText', { host: new URL(qr.origin).host, email: account.email }),
        })
        .catch(() => undefined);
    }
    return { accepted: true };
  };

  const readLoginQr: MessageHandlers['readLoginQr'] = async ({ tabId }) => {
    // Only on the pages of a server this browser holds an account with: opening the popup elsewhere
    // injects nothing and captures nothing.
    const tab = await browser.tabs.get(tabId).catch(() => null);
    const origin = tab?.url ? originOf(tab.url) : null;
    if (!origin || (await (await vault()).byOrigin(origin)).length === 0) return { accepted: false };
    const seen = await readTabQr(tabId).catch(() => null);
    if (!seen?.payload || !isLoginQr(seen.payload)) return { accepted: false };
    return { accepted: (await accept(seen.payload, tabId, seen.origin)) !== null };
  };

  /** The tab's origin now, or null when it is gone or shows a page we have no access to. */
  const tabOrigin = async (tabId: number) => {
    const tab = await browser.tabs.get(tabId).catch(() => null);
    return tab?.url ? originOf(tab.url) : null;
  };

  const getPendingLogin: MessageHandlers['getPendingLogin'] = async () => {
    const [waiting, last] = await Promise.all([current(), lastResult.getValue()]);
    let found = waiting;
    // The tab's origin and the account at once: the popup waits for this answer to show the PIN field.
    const [origin, account] = found
      ? await Promise.all([tabOrigin(found.pending.tabId), vault().then((v) => v.get(found!.pending.accountId))])
      : [null, undefined];
    // A tab that has moved on (a change the tab events did not show) no longer shows this sign-in.
    if (found && origin !== found.qr.origin) {
      await endPendingLogin();
      found = null;
    }
    return {
      pending:
        found && account
          ? {
              origin: found.qr.origin,
              email: account.email,
              uid: account.uid,
              biometric: account.biometric
                ? { credentialId: account.biometric.credentialId, prfSalt: account.biometric.prfSalt }
                : null,
            }
          : null,
      lastResult: last,
    };
  };

  const answerLogin: MessageHandlers['answerLogin'] = async ({ pin, prf }) => {
    const found = await current();
    if (!found) throw new MessageError(t('noSignInWaiting'));
    const account = await (await vault()).get(found.pending.accountId);
    if (!account) throw new MessageError(t('accountGone'));
    // The tab must still be at the origin the code names: a tab navigated elsewhere (a copy of
    // the page on another origin) gets no code, typed or shown.
    if ((await tabOrigin(found.pending.tabId)) !== found.qr.origin) {
      await endPendingLogin();
      throw new MessageError(t('signInPageGone'));
    }
    await lastResult.setValue(null);
    const key = await unlockOcraKey(account, prf === null ? { pin: pin!, prf } : { prf });
    const code = await ocra(account.ocraSuite, key, { question: found.qr.challenge });
    const { autoSubmit } = await settings.getValue();
    // The content script checks again, where the page is: its own origin and the sign-in it shows.
    const result = await sendTabMessage(
      found.pending.tabId,
      'fillCode',
      { code, tx: found.qr.tx, origin: found.qr.origin, submit: autoSubmit },
      { frameId: 0 },
    ).catch(() => ({
      filled: false,
      submitted: false,
      problem: t('pageClosed'),
    }));
    if (result.filled) {
      await endPendingLogin();
      await awaitingResult.setValue({ tabId: found.pending.tabId, origin: found.qr.origin, at: now() });
    }
    return { code, ...result };
  };

  /** "Cancel" in the prompt: the sign-in is no longer waiting here. */
  const cancelLogin: MessageHandlers['cancelLogin'] = async () => {
    await endPendingLogin();
    return {};
  };

  /**
   * The server's verdict on a code, read from its page. Taken only from the tab a code was just
   * filled into, at that (enrolled) origin: any other page could otherwise plant "locked" or
   * "wrong code" in the popup.
   */
  const loginResult: MessageHandlers['loginResult'] = async ({ code, attemptsLeft }, sender) => {
    const awaiting = await awaitingResult.getValue();
    const origin = sender.tabUrl ? originOf(sender.tabUrl) : null;
    if (
      !awaiting ||
      now() - awaiting.at > PENDING_LOGIN_MS ||
      sender.tabId !== awaiting.tabId ||
      origin !== awaiting.origin ||
      (await (await vault()).byOrigin(origin)).length === 0
    ) {
      return {};
    }
    await awaitingResult.setValue(null);
    await lastResult.setValue({ origin, code, attemptsLeft });
    return {};
  };

  return { loginQrSeen, readLoginQr, getPendingLogin, answerLogin, cancelLogin, loginResult };
}
