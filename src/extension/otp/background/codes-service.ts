/**
 * The one-time codes of other sites (docs/otp-accounts.md), the popup's side: the vault's
 * passphrase, lock and auto-lock, the list with its codes, adding, renaming, pinning, deleting.
 * Secrets never leave this background: the popup gets codes. Every message here must come from
 * the extension's own page; backup and import are transfer-service.ts, pages'
 * questions page-service.ts.
 */
import { browser } from 'wxt/browser';
import { MessageError } from '../../../core/messages';
import { accountText, parseBase32Secret, steamAccount, type OtpParameters } from '../../../core/otp/otpauth-uri';
import { readAccountsText } from '../../../core/otp/read-text';
import { isSiteName, siteOf } from '../../../core/otp/site';
import { t } from '../../i18n/t';
import type { ContextHandlers } from '../../messaging';
import { otpIdleMinutes } from '../code-accounts';
import { createOtpPageService } from './page-service';
import { answerAdded, codeViews, listOrder, nextCode } from '../account-views';
import type { CodeAccounts } from '../code-accounts';
import { userErrors } from '../user-errors';
import { createOtpTransferService } from './transfer-service';
import { createOtpBiometricService } from './biometric-service';
import type { TabQr } from '../../background/tab-qr';

export function createOtpService({
  otp,
  readTabQr,
  afterChange,
  now = Date.now,
}: {
  otp: CodeAccounts;
  readTabQr: (tabId: number, options: { all: boolean }) => Promise<TabQr>;
  /** The fill scripts and the context menu follow the accounts' sites. */
  afterChange: () => Promise<unknown>;
  now?: () => number;
}) {
  /** The site of the tab the popup acts on ('' where its URL is not ours to see). */
  async function tabSite(tabId: number | null): Promise<string> {
    if (tabId === null) return '';
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    return tab?.url ? siteOf(tab.url) : '';
  }

  const add = async (items: (OtpParameters & { site: string })[]) =>
    answerAdded(await otp.add(items), now(), afterChange);

  const page = createOtpPageService({ otp, now });
  const codes = codeViews();
  otp.onLock(codes.forget);

  const handlers = {
    otpSetUp: ({ passphrase }) =>
      userErrors(async () => {
        await otp.setUp(passphrase);
        return {};
      }),
    otpUnlock: ({ passphrase }) =>
      userErrors(async () => {
        await otp.unlock(passphrase);
        // Locked, the sites could not be read: the fill scripts catch up now.
        await afterChange();
        return {};
      }),
    otpLock: async (_body) => {
      await otp.lock();
      return {};
    },
    otpSetIdle: async ({ minutes }) => {
      await otp.setIdleMinutes(minutes);
      return {};
    },
    otpList: ({ tabId }) =>
      userErrors(async () => {
        const [state, idleMinutes, site, unlock] = await Promise.all([
          otp.state(),
          otpIdleMinutes.getValue(),
          tabSite(tabId),
          otp.biometric(),
        ]);
        const at = now();
        const accounts = state === 'unlocked' ? (await otp.accounts()).sort(listOrder(site)) : [];
        return { state, idleMinutes, biometric: unlock, accounts: accounts.map((a) => codes.view(a, at)), site, at };
      }),
    otpHotpCode: ({ id }) =>
      userErrors(async () => {
        const account = (await otp.accounts()).find((a) => a.id === id && a.kind === 'hotp');
        if (!account) throw new MessageError(t('otpNoSuchAccount'));
        return { code: await nextCode(otp, account, now()) };
      }),
    otpAddFromTab: ({ tabId, choice, site: confirmed }) =>
      userErrors(async () => {
        await otp.accounts(); // locked: say so before reading the page
        const { origin, payload, others, captured } = await readTabQr(tabId, { all: true });
        if (!payload) throw new MessageError(t('otpNoSetupCode'));
        const codes = [payload, ...others].filter((code) => /^otpauth(-migration)?:/i.test(code));
        if (codes.length === 0) throw new MessageError(t('otpNotASetupCode'));
        // Several setup codes on the page: the user picks one (the page may have changed meanwhile).
        const read = codes.map((code) => readAccountsText(code));
        if (codes.length > 1 && (choice === null || !read[choice])) {
          const choices = read.map(([first, ...rest]) => ({
            issuer: first!.issuer,
            label: first!.label,
            count: rest.length + 1,
          }));
          return { added: [], duplicates: [], choices, confirmSite: null };
        }
        const accounts = read[codes.length > 1 ? choice! : 0]!;
        // The site is the one the content script read the code on, not what the code says — when
        // the page's own elements held it. A capture also shows cross-origin frames: evil.example
        // framing bank.example's setup page would get the bank's code bound to itself. So a code
        // read from the capture is bound only to the site the user confirms.
        if (captured && confirmed === null)
          return {
            added: [],
            duplicates: [],
            choices: [],
            confirmSite: {
              suggested: siteOf(origin),
              accounts: accounts.slice(0, 100).map(({ issuer, label }) => ({ issuer, label })),
            },
          };
        const site = captured ? confirmed! : siteOf(origin);
        if (!isSiteName(site)) throw new MessageError(t('otpBadSite'));
        return { ...(await add(accounts.map((a) => ({ ...a, site })))), choices: [], confirmSite: null };
      }),
    otpAddText: ({ text, tabId }) =>
      userErrors(async () => {
        const accounts = readAccountsText(text);
        const site = await tabSite(tabId);
        return add(accounts.map((a) => ({ ...a, site })));
      }),
    otpAddManual: ({ issuer, label, secret, kind, tabId }) =>
      userErrors(async () => {
        const name = accountText(label, 'name');
        if (!name) throw new MessageError(t('otpNameNeeded'));
        // What sites that show only a key mean by it (the Key Uri Format's defaults); Steam's own.
        const account: OtpParameters =
          kind === 'steam'
            ? steamAccount(accountText(issuer, 'issuer'), name, parseBase32Secret(secret))
            : {
                kind,
                issuer: accountText(issuer, 'issuer'),
                label: name,
                secret: parseBase32Secret(secret),
                algorithm: 'SHA1',
                digits: 6,
                period: 30,
                counter: 0,
              };
        return add([{ ...account, site: await tabSite(tabId) }]);
      }),
    otpUpdate: ({ id, ...change }) =>
      userErrors(async () => {
        if (change.site !== undefined && !isSiteName(change.site)) throw new MessageError(t('otpBadSite'));
        const issuer = change.issuer === undefined ? undefined : accountText(change.issuer, 'issuer');
        const label = change.label === undefined ? undefined : accountText(change.label, 'name');
        if (label === '') throw new MessageError(t('otpNameNeeded'));
        const group = change.group === undefined ? undefined : accountText(change.group, 'issuer');
        await otp.update(id, {
          ...(issuer !== undefined && { issuer }),
          ...(label !== undefined && { label }),
          ...(change.pinned !== undefined && { pinned: change.pinned }),
          ...(change.site !== undefined && { site: change.site }),
          ...(group !== undefined && { group }),
        });
        if (change.site !== undefined) await afterChange();
        return {};
      }),
    otpRemove: ({ id }) =>
      userErrors(async () => {
        await otp.remove(id);
        await afterChange();
        return {};
      }),
    ...createOtpTransferService({ otp, afterChange, now }),
    ...createOtpBiometricService({ otp }),
    ...page.handlers,
  } satisfies ContextHandlers;

  return { handlers, fillTab: page.fillTab };
}
