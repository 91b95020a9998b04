/**
 * Where the one-time-code fill script runs (docs/otp-accounts.md §4, docs/permissions.md): on the
 * sites of the user's accounts that the user granted, registered at run time — never
 * `<all_urls>`. The context-menu entry shows on those sites only; the keyboard shortcut asks the
 * same. The accounts' sites are sealed in the vault, so the sync runs only while it is unlocked;
 * locked, the registrations stay as they were (they persist across sessions).
 */
import { browser } from 'wxt/browser';
import { sitePatterns } from '../../../core/otp/site';
import { t } from '../../i18n/t';
import { browserScriptRegistry, syncServerScripts, type ScriptRegistry } from '../../background/server-access';

export const OTP_FILL_SCRIPT = '/otp-fill.js';
export const FILL_MENU_ID = 'sidekey-otp-fill';
export const FILL_COMMAND = 'fill-otp-code';

export const otpFillRegistry = browserScriptRegistry({
  idPrefix: 'sidekey-otp:',
  file: OTP_FILL_SCRIPT,
  patterns: sitePatterns,
});

/** The context-menu entry, on editable fields of the registered sites only. */
async function syncMenu(registry: ScriptRegistry) {
  const patterns = (await registry.registered()).flatMap(sitePatterns);
  await browser.contextMenus.removeAll();
  if (patterns.length === 0) return;
  browser.contextMenus.create(
    { id: FILL_MENU_ID, title: t('otpFillMenu'), contexts: ['editable'], documentUrlPatterns: patterns },
    () => void browser.runtime.lastError, // a duplicate id after a quick second sync: already there
  );
}

/**
 * Keeps the registrations and the menu in step with the accounts' sites (null while locked) and
 * the user's grants. Returns the sync to call after changes.
 */
export function startOtpFillAccess(sites: () => Promise<string[] | null>, registry: ScriptRegistry = otpFillRegistry) {
  let running = Promise.resolve();
  const sync = () => {
    // One at a time: two overlapping syncs would register the same id twice.
    running = running.then(async () => {
      const wanted = await sites().catch(() => null);
      if (wanted) await syncServerScripts(wanted.filter(Boolean), registry);
      await syncMenu(registry);
    });
    return running.catch(() => undefined);
  };
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  void sync();
  return sync;
}

/** `fill` answers the keyboard shortcut and the context menu's entry. */
export function answerFillRequests(fill: (tab: { id?: number; url?: string }) => Promise<void>) {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === FILL_MENU_ID && tab) void fill(tab);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== FILL_COMMAND) return;
    void (async () => {
      const active = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (active) await fill(active);
    })();
  });
}
