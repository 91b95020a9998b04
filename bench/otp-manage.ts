/**
 * The Manage codes page in Chromium with the built extension (docs/otp-accounts.md §5), what the
 * user waits for: the page opened → the codes of 1,000 accounts shown, beside the same page with
 * no account (its floor, same run); a search keystroke → the list updated; and an encrypted Aegis
 * export of 1,000 entries chosen and its password given → the list of what it holds shown (scrypt
 * at Aegis's own N = 2^15 included; the KDF alone measured in Node beside it).
 */
import path from 'node:path';
import { scrypt } from 'hash-wasm';
import { launchChromium } from '../tests/fixtures/chromium';
import { sendFromExtensionPage } from '../tests/fixtures/extension-api';
import { aegisEncrypted, type AegisEntry } from '../tests/fixtures/app-exports';
import { summarise, type Summary } from './stats';

const RUNS = 10;
/** The rows the list draws at first (code-list.tsx FIRST_ROWS); the rest as it scrolls. */
const FIRST_ROWS = 50;
const ACCOUNTS = 1000;
const PASSPHRASE = 'a long walk by the sea';

export interface OtpManageFigures {
  empty: Summary;
  full: Summary;
  search: Summary;
  importAegis: Summary;
  scryptAlone: Summary;
}

const secretOf = (i: number) => `JBSWY3DPEHPK${i.toString(2).padStart(20, '0').replace(/0/g, 'A').replace(/1/g, 'B')}`;
const uris = Array.from(
  { length: ACCOUNTS },
  (_, i) => `otpauth://totp/Service%20${i}:user${i}%40example.eu?secret=${secretOf(i)}&issuer=Service%20${i}`,
);

/** In the page: when `count` codes (or the empty list) are first shown, from the navigation's start. */
function markWhenShown(count: number) {
  const marks: Record<string, number> = {};
  Object.assign(globalThis, { benchMarks: marks });
  new MutationObserver(() => {
    const now = performance.now();
    if (marks.shown === undefined && document.querySelectorAll('[data-testid="otp-code"]').length >= count)
      marks.shown = now;
    if (document.querySelector('[data-testid="otp-none"]')) marks.empty ??= now;
  }).observe(document, { childList: true, subtree: true });
}

export async function benchOtpManage(root: string): Promise<OtpManageFigures> {
  const browser = await launchChromium(path.join(root, '.output/chrome-mv3'));
  const pageUrl = `chrome-extension://${browser.extensionId}/codes.html`;
  try {
    // The list's first rows (code-list.tsx FIRST_ROWS); the rest are drawn as it scrolls.
    await browser.context.addInitScript({
      content: `var __name = (f) => f; (${markWhenShown.toString()})(${FIRST_ROWS});`,
    });
    const control = await browser.openPopup();
    const send = (type: string, body: unknown) => control.evaluate(sendFromExtensionPage, { sidekey: 1, type, body });
    await send('otpSetUp', { passphrase: PASSPHRASE });

    const openings = async (wanted: 'empty' | 'shown') => {
      const times: number[] = [];
      for (let i = -2; i < RUNS; i++) {
        const page = await browser.context.newPage();
        await page.goto(pageUrl, { waitUntil: 'commit' });
        await page.waitForFunction(
          (w) => (globalThis as { benchMarks?: Record<string, number> }).benchMarks?.[w],
          wanted,
          {
            timeout: 60_000,
          },
        );
        const at = await page.evaluate(
          (w) => (globalThis as unknown as { benchMarks: Record<string, number> }).benchMarks[w]!,
          wanted,
        );
        await page.close();
        if (i >= 0) times.push(at);
      }
      return summarise(times);
    };
    const empty = await openings('empty');
    for (let i = 0; i < ACCOUNTS; i += 50)
      await send('otpAddText', { text: uris.slice(i, i + 50).join('\n'), tabId: null });
    const full = await openings('shown');

    // A keystroke in the search field → the list drawn again (the next frame after the change).
    const page = await browser.context.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="otp-code"]').length >= n, FIRST_ROWS, {
      timeout: 60_000,
    });
    const search: number[] = [];
    for (let i = -2; i < RUNS * 2; i++) {
      const query = i % 2 ? `Service ${(i * 37) % ACCOUNTS}` : '';
      const took = await page.evaluate(
        (q) =>
          new Promise<number>((resolve) => {
            const field = document.getElementById('otp-search') as HTMLInputElement;
            const list = document.querySelector('.otp-list')!;
            const start = performance.now();
            new MutationObserver((_, observer) => {
              observer.disconnect();
              requestAnimationFrame(() => resolve(performance.now() - start));
            }).observe(list, { childList: true, subtree: true, characterData: true });
            field.value = q;
            field.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        query,
      );
      if (i >= 0) search.push(took);
    }

    // Import: an encrypted Aegis vault of 1,000 entries, chosen with the real file chooser's input.
    const db = {
      version: 1,
      entries: Array.from({ length: ACCOUNTS }, (_, i): AegisEntry => ({
        type: 'totp',
        uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: `moved${i}@example.eu`,
        issuer: `Moved ${i}`,
        note: '',
        favorite: false,
        icon: null,
        info: { secret: secretOf(ACCOUNTS + i), algo: 'SHA1', digits: 6, period: 30 },
        groups: [],
      })),
    };
    const vault = aegisEncrypted(['aegis password'], db);
    const importing: number[] = [];
    for (let i = -1; i < 5; i++) {
      await page.reload();
      await page.setInputFiles('#otp-import-file', {
        name: 'aegis.json',
        mimeType: 'application/json',
        buffer: Buffer.from(vault),
      });
      // Both waits the user has: Read pressed → the password asked for (the readers' chunk loaded,
      // the file recognised), and the password given → the list shown; the typing between left out.
      const now = () => page.evaluate(() => performance.now());
      const asked = await now();
      await page.getByRole('button', { name: 'Read the file' }).click();
      await page.waitForSelector('#otp-import-password');
      const askedFor = (await now()) - asked;
      await page.getByLabel('Password of the export').fill('aegis password');
      const start = await now();
      await page.getByRole('button', { name: 'Read the file' }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="otp-found"] li').length >= n,
        ACCOUNTS,
        {
          timeout: 60_000,
        },
      );
      if (i >= 0) importing.push(askedFor + (await now()) - start);
    }
    await page.close();
    await control.close();

    const salt = new Uint8Array(32);
    const kdf: number[] = [];
    for (let i = -1; i < 5; i++) {
      const start = performance.now();
      await scrypt({
        password: 'aegis password',
        salt,
        costFactor: 2 ** 15,
        blockSize: 8,
        parallelism: 1,
        hashLength: 32,
        outputType: 'binary',
      });
      if (i >= 0) kdf.push(performance.now() - start);
    }
    return {
      empty,
      full,
      search: summarise(search),
      importAegis: summarise(importing),
      scryptAlone: summarise(kdf),
    };
  } finally {
    await browser.close();
  }
}
