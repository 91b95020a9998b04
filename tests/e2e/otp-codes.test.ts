/**
 * One-time codes of other sites (#14) in both browsers with the built extension, as a user
 * does it: set a passphrase, add the account from the site's setup QR on the tab, see its code,
 * have it filled on the site's sign-in page (one field, six split fields, a shadow root, a
 * same-origin frame), nothing of it on a look-alike site, back up → delete → import gives the
 * same codes, a wrong passphrase refused, lock and unlock. One test body, two drivers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTP, Secret, TOTP } from 'otpauth';
import type { Page as PlaywrightPage } from 'playwright-core';
import { seriousViolations } from '../fixtures/axe';
import { addVirtualAuthenticator } from '../fixtures/virtual-authenticator';
import QRCode from 'qrcode';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { parseMigrationUri } from '../../src/core/otp/migration-uri';
import {
  BROWSERS,
  chooseImportFile,
  manageCodes,
  clickMark,
  isCurrentCode,
  markSettles,
  popupOnTab,
  press,
  rootChildren,
  textOf,
  typeInto,
  type AnyBrowser,
  type AnyPage,
  markAtField,
  onTabFromExtension,
} from '../fixtures/otp-browsers';
import { PICTURE_URI, SETUP_SECRET, startOtpSite, type OtpSite } from '../fixtures/otp-site';
import {
  aegisDb,
  aegisEncrypted,
  andOtpEncrypted,
  authenticatorExtensionEncrypted,
  SAMPLE,
  theirCode,
} from '../fixtures/app-exports';

describe.each(BROWSERS)('%s: one-time codes of other sites', (name, launch) => {
  let browser: AnyBrowser;
  let site: OtpSite;
  let tab: AnyPage;
  let popup: AnyPage;
  let backup = '';

  /** The popup, acting on the test tab (as the toolbar click does on the active tab). */
  async function openPopup() {
    popup = await popupOnTab(browser, tab, popup);
  }
  const codesShown = () =>
    popup.evaluate(
      () => [...document.querySelectorAll('[data-testid=otp-account]')].map((li) => li.textContent ?? ''),
      null,
    );
  /** The code the popup shows for the account whose entry names `name`. */
  const codeOf = (name: string) =>
    popup.evaluate(
      (n) =>
        [...document.querySelectorAll('[data-testid=otp-account]')]
          .find((li) => li.textContent?.includes(n))
          ?.querySelector('[data-testid=otp-code]')
          ?.textContent?.replace(' ', '') ?? null,
      name,
    );
  const hostMarks = () => rootChildren(tab);
  async function unlockIfLocked() {
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toMatch(/are locked|Lock now/);
    if (!(await textOf(popup, '[data-testid=otp]')).includes('are locked')) return;
    await typeInto(popup, 'Passphrase', 'correct horse battery');
    await press(popup, 'Unlock');
  }
  /** An encrypted export chosen on the Manage codes page: its password asked for, then given. */
  async function importEncrypted(content: string | number[], file: string, app: string, password: string) {
    await chooseImportFile(popup, content, file);
    await press(popup, 'Read the file');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
      .toContain(`This ${app} export is encrypted: enter its password.`);
    await typeInto(popup, 'Password of the export', password);
    await press(popup, 'Read the file');
  }
  /** An option chosen in the select with this id, as a person's choice fires `change`. */
  const choose = (id: string, value: string) =>
    popup.evaluate(
      ({ id, value }) => {
        const select = document.getElementById(id) as HTMLSelectElement;
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      },
      { id, value },
    );

  beforeAll(async () => {
    site = await startOtpSite();
    browser = await launch();
    tab = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('sets a passphrase (a short one refused) and adds the account from the setup QR on the tab', async () => {
    await tab.goto(site.url('bank.localhost', '/setup'));
    await openPopup();
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Choose a passphrase');
    await typeInto(popup, 'Choose a passphrase', 'too short');
    await typeInto(popup, 'Repeat the passphrase', 'too short');
    await press(popup, 'Set up one-time codes');
    await expect.poll(() => textOf(popup, '#otp-error')).toBe('Choose a passphrase of at least 10 characters.');
    await typeInto(popup, 'Choose a passphrase', 'correct horse battery');
    await typeInto(popup, 'Repeat the passphrase', 'correct horse battery');
    await press(popup, 'Set up one-time codes');
    await expect.poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 }).toContain('Add an account');
    await press(popup, 'Add an account');
    await press(popup, 'Read the QR code on this page');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
      .toContain('Added: Example Bank (anna@example.eu).');
    await expect.poll(codesShown).toHaveLength(1);
    const [shown] = await codesShown();
    expect(shown).toContain('this site');
    // Where its code will be offered, behind its "⋯".
    await press(popup, '⋯', 'button[aria-label="More for Example Bank (anna@example.eu)"]');
    await expect.poll(async () => (await codesShown())[0]).toContain('bank.localhost');
    await press(popup, '⋯', 'button[aria-label="More for Example Bank (anna@example.eu)"]');
    await expect.poll(() => codeOf('Example Bank')).toSatisfy(isCurrentCode);
  });

  it('read the setup page with a one-shot reader: no script of ours is left answering there', async () => {
    expect(await onTabFromExtension(popup, tab, 'ask-reader')).toBe('nobody');
  });

  it('reading the same QR again adds nothing and says it is already there', async () => {
    await press(popup, 'Read the QR code on this page');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'))
      .toContain('Already in Sidekey, not added again: Example Bank (anna@example.eu).');
    expect(await codesShown()).toHaveLength(1);
  });

  it.each([
    ['one field', '/single', '#otp', false],
    ['a field in a same-origin frame', '/frame', 'iframe', false],
  ])('fills the code into %s on the site, on the user’s click', async (_what, path, selector, split) => {
    await tab.goto(site.url('bank.localhost', path));
    await expect.poll(hostMarks, { timeout: 10_000 }).toBeGreaterThan(2); // head, body, Sidekey's mark
    if (path === '/frame') {
      // The mark sits at the frame's field: find it through the frame.
      const box = await tab.evaluate(() => {
        const frame = document.querySelector('iframe')!;
        const f = frame.getBoundingClientRect();
        const r = frame.contentDocument!.querySelector('#otp')!.getBoundingClientRect();
        return { x: f.left + r.right - 14, y: f.top + r.top + r.height / 2 };
      }, null);
      await markSettles();
      await tab.mouse.click(box.x, box.y);
      await expect
        .poll(() =>
          tab.evaluate(
            () => document.querySelector('iframe')!.contentDocument!.querySelector<HTMLInputElement>('#otp')!.value,
            null,
          ),
        )
        .toSatisfy(isCurrentCode);
      return;
    }
    await clickMark(tab, selector, split);
    await expect
      .poll(() => tab.evaluate((s) => document.querySelector<HTMLInputElement>(s)!.value, selector))
      .toSatisfy(isCurrentCode);
  });

  it('fills six split one-digit fields, one digit each', async () => {
    await tab.goto(site.url('bank.localhost', '/split'));
    await expect.poll(hostMarks, { timeout: 10_000 }).toBeGreaterThan(2);
    await clickMark(tab, '.digits input:last-child', true);
    await expect
      .poll(() =>
        tab.evaluate(
          () => [...document.querySelectorAll<HTMLInputElement>('.digits input')].map((i) => i.value).join(''),
          null,
        ),
      )
      .toSatisfy(isCurrentCode);
  });

  it('the fill script injected into the page again ends the first: one mark, and it fills', async () => {
    await tab.goto(site.url('bank.localhost', '/single'));
    await expect.poll(hostMarks, { timeout: 10_000 }).toBe(3);
    type Marked = { firstMark: Element };
    await tab.evaluate(() => {
      (window as unknown as Marked).firstMark = document.documentElement.lastElementChild!;
    }, null);
    expect(await onTabFromExtension(popup, tab, 'inject-fill')).toBe('injected');
    // The first instance's mark, observer and listeners go with it; the second's mark takes its place.
    const marks = () =>
      tab.evaluate(() => {
        const first = (window as unknown as Marked).firstMark;
        const hosts = [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body);
        return `first ${first.isConnected ? 'still there' : 'gone'}, ${hosts.length} mark`;
      }, null);
    await expect.poll(marks, { timeout: 10_000 }).toBe('first gone, 1 mark');
    await clickMark(tab, '#otp');
    await expect
      .poll(() => tab.evaluate(() => document.querySelector<HTMLInputElement>('#otp')!.value, null))
      .toSatisfy(isCurrentCode);
  });

  it('fills a code field inside a shadow root', async () => {
    await tab.goto(site.url('bank.localhost', '/shadow'));
    await expect.poll(hostMarks, { timeout: 10_000 }).toBe(3); // head, body, the mark (the page's host is in body)
    const box = await tab.evaluate(() => {
      const r = document.getElementById('host')!.shadowRoot!.querySelector('input')!.getBoundingClientRect();
      return { x: r.right - 14, y: r.top + r.height / 2 };
    }, null);
    await markSettles();
    await tab.mouse.click(box.x, box.y);
    await expect
      .poll(() => tab.evaluate(() => document.getElementById('host')!.shadowRoot!.querySelector('input')!.value, null))
      .toSatisfy(isCurrentCode);
  });

  it('offers nothing for a promo-code field, and nothing of the bank on a look-alike site', async () => {
    await tab.goto(site.url('bank.localhost', '/promo'));
    expect(await onTabFromExtension(popup, tab, 'ask-fill')).toBe('answered'); // the fill script runs here
    // A real code field added beside it gets its mark: the scan that placed it passed the promo field over.
    await tab.evaluate(() => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<label>Code <input id="real" autocomplete="one-time-code"></label>',
      );
    }, null);
    await expect.poll(hostMarks, { timeout: 10_000 }).toBe(3);
    await expect.poll(() => markAtField(tab, '#real')).toBe(true);
    expect(await markAtField(tab, 'input[name=promo_code]')).toBe(false);
    // The look-alike: the same pages at another site. No script runs there at all...
    await tab.goto(site.url('bank-login.localhost', '/single'));
    expect(await onTabFromExtension(popup, tab, 'ask-fill')).toBe('nobody');
    expect(await hostMarks()).toBe(2);
    // ...and once it holds an account of its own (pasted while on it), it is offered that one only.
    await openPopup();
    await press(popup, 'Add an account');
    await press(popup, 'Paste a link');
    await typeInto(
      popup,
      'otpauth:// link or transfer code',
      'otpauth://totp/Look-alike:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Look-alike',
    );
    await press(popup, 'Add');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Added: Look-alike (anna).');
    await tab.goto(site.url('bank-login.localhost', '/single'));
    await expect.poll(hostMarks, { timeout: 10_000 }).toBe(3);
    await clickMark(tab, '#otp');
    const filled = () => tab.evaluate(() => document.querySelector<HTMLInputElement>('#otp')!.value, null);
    await expect.poll(filled).toMatch(/^[0-9]{6}$/);
    expect(isCurrentCode(await filled())).toBe(false);
    const lookAlikeCode = TOTP.generate({
      secret: Secret.fromBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
      timestamp: Date.now(),
    });
    expect([
      lookAlikeCode,
      TOTP.generate({ secret: Secret.fromBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), timestamp: Date.now() - 30_000 }),
    ]).toContain(await filled());
  });

  it('backs up to a file, and after deleting everything imports it to the same codes (wrong passphrase refused)', async () => {
    await openPopup();
    popup = await manageCodes(browser, popup);
    // What the download would save: the popup hands the file to an object URL.
    await popup.evaluate(() => {
      const original = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob) => {
        void (blob as Blob).text().then((text) => ((globalThis as unknown as { saved: string }).saved = text));
        return original(blob);
      };
    }, null);
    // The secrets leave only with the codes' passphrase typed again.
    await typeInto(popup, 'Passphrase of your codes (asked again before they leave Sidekey)', 'not the passphrase');
    await typeInto(popup, 'Password for the file', 'another long passphrase');
    await press(popup, 'Save the file');
    await expect
      .poll(() => textOf(popup, '#otp-error'), { timeout: 15_000 })
      .toBe('Wrong passphrase, or the data was changed.');
    await typeInto(popup, 'Passphrase of your codes (asked again before they leave Sidekey)', 'correct horse battery');
    await typeInto(popup, 'Password for the file', 'another long passphrase');
    await press(popup, 'Save the file');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
      .toMatch(/Saved as sidekey-codes-\d{4}-\d{2}-\d{2}\.json\./);
    backup = await popup.evaluate(() => (globalThis as unknown as { saved: string }).saved, null);
    expect(JSON.parse(backup)).toMatchObject({ format: 'sidekey-otp-backup', version: 1, kdf: { name: 'argon2id' } });
    expect(backup).not.toContain(SETUP_SECRET);
    expect(backup).not.toContain('Example Bank');

    for (const name of ['Example Bank (anna@example.eu)', 'Look-alike (anna)']) {
      await press(popup, '⋯', `button[aria-label="More for ${name}"]`);
      await press(popup, 'Delete…');
      await press(popup, 'Delete');
      await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain(`${name} was deleted.`);
    }
    expect(await codesShown()).toHaveLength(0);

    const choose = (text: string) => chooseImportFile(popup, text);
    const password = (text: string) => typeInto(popup, 'Password of the export', text);
    await choose(backup);
    // The export is recognised as encrypted before anything is listed: its password is asked for.
    await press(popup, 'Read the file');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
      .toContain('This Sidekey export is encrypted: enter its password.');
    await expect.poll(() => popup.evaluate(() => document.activeElement?.id ?? '', null)).toBe('otp-import-password');
    await password('not the right one');
    await press(popup, 'Read the file');
    await expect
      .poll(() => textOf(popup, '#otp-error'), { timeout: 15_000 })
      .toBe('Wrong passphrase, or the file was changed.');
    expect(await popup.evaluate(() => document.querySelector('[data-testid=otp-found]'), null)).toBeNull();
    await password('another long passphrase');
    await press(popup, 'Read the file');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp-found]'), { timeout: 15_000 })
      .toContain('Example Bank (anna@example.eu)');
    await press(popup, 'Import them');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('2 accounts imported, 0 duplicates skipped.');
    await expect.poll(() => codeOf('Example Bank')).toSatisfy(isCurrentCode);

    // The same file again: both are duplicates, and nothing is added unless asked.
    await choose(backup);
    await press(popup, 'Read the file');
    await expect
      .poll(() => popup.evaluate(() => document.querySelector('#otp-import-password') !== null, null))
      .toBe(true);
    await password('another long passphrase');
    await press(popup, 'Read the file');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp-found]'), { timeout: 15_000 })
      .toContain('already in Sidekey');
    await press(popup, 'Import the new ones');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('0 accounts imported, 2 duplicates skipped.');
    expect(await codesShown()).toHaveLength(2);
  });

  it('locks; a wrong passphrase is refused; the right one shows the codes again, the site’s first', async () => {
    await tab.goto(site.url('bank.localhost', '/single'));
    await openPopup();
    await press(popup, 'Lock now');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Your one-time codes are locked.');
    // Locked, the page's mark says so and fills nothing.
    await tab.goto(site.url('bank.localhost', '/single'));
    await expect.poll(hostMarks, { timeout: 10_000 }).toBe(3);
    await clickMark(tab, '#otp');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await tab.evaluate(() => document.querySelector<HTMLInputElement>('#otp')!.value, null)).toBe('');
    await typeInto(popup, 'Passphrase', 'not the passphrase');
    await press(popup, 'Unlock');
    await expect
      .poll(() => textOf(popup, '#otp-error'), { timeout: 15_000 })
      .toBe('Wrong passphrase, or the data was changed.');
    await typeInto(popup, 'Passphrase', 'correct horse battery');
    await press(popup, 'Unlock');
    await expect.poll(codesShown, { timeout: 15_000 }).toHaveLength(2);
    expect((await codesShown())[0]).toContain('Example Bank');
  });
  it('adds both accounts of a Google Authenticator transfer code on the tab; an HOTP code only when asked', async () => {
    await tab.goto(site.url('transfer.localhost', '/transfer'));
    await openPopup();
    await press(popup, 'Add an account');
    await press(popup, 'Read the QR code on this page');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
      .toContain('Added: Transfer Co (carol@example.eu), Counter Co (dave).');
    await expect.poll(codesShown).toHaveLength(4);
    expect(await codeOf('Counter Co')).toBeNull();
    await press(popup, 'Show code');
    const counter = (n: number) =>
      HOTP.generate({ secret: Secret.fromUTF8('sidekey-counter-02'), algorithm: 'SHA1', digits: 6, counter: n });
    await expect.poll(() => codeOf('Counter Co')).toBe(counter(5));
    await expect
      .poll(() => codeOf('Transfer Co'))
      .toSatisfy((code: string) =>
        [0, -30_000].some(
          (d) => TOTP.generate({ secret: Secret.fromUTF8('sidekey-transfer-1'), timestamp: Date.now() + d }) === code,
        ),
      );
  });

  it('asks which one to add when the page shows several setup codes', async () => {
    await tab.goto(site.url('several.localhost', '/several'));
    await openPopup();
    await press(popup, 'Add an account');
    await press(popup, 'Read the QR code on this page');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
      .toContain('This page shows several setup codes: which one do you add?');
    expect(await codesShown()).toHaveLength(4);
    await press(popup, 'Add Second Co (gina)');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Added: Second Co (gina).');
    await expect.poll(codesShown).toHaveLength(5);
    await press(popup, '⋯', 'button[aria-label="More for Second Co (gina)"]');
    await press(popup, 'Delete…');
    await press(popup, 'Delete');
    await expect.poll(codesShown).toHaveLength(4);
    await tab.goto(site.url('transfer.localhost', '/transfer'));
    await openPopup();
    await press(popup, 'Add an account');
  });

  it('adds from an image file and from a typed key, and refuses a key that is not base32', async () => {
    const png = (await QRCode.toBuffer(PICTURE_URI, { width: 300, margin: 4 })).toString('base64');
    await popup.evaluate((data) => {
      const input = document.querySelector('.otp-add input[type=file]') as HTMLInputElement;
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const files = new DataTransfer();
      files.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, png);
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
      .toContain('Added: Picture Co (erin).');
    await press(popup, 'Type a key');
    await typeInto(popup, 'Service', 'Typed Co');
    await typeInto(popup, 'Account', 'frank');
    await typeInto(popup, 'Secret key (letters A–Z and digits 2–7; spaces allowed)', 'jbsw y3dp ehpk 3pxp 0');
    await press(popup, 'Add');
    await expect
      .poll(() => textOf(popup, '#otp-error'))
      .toBe('The secret is not base32: use the letters A–Z and the digits 2–7.');
    await typeInto(popup, 'Secret key (letters A–Z and digits 2–7; spaces allowed)', 'jbsw y3dp ehpk 3pxp');
    await press(popup, 'Add');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Added: Typed Co (frank).');
    await expect.poll(codesShown).toHaveLength(6);
    await expect
      .poll(() => codeOf('Typed Co'))
      .toSatisfy((code: string) =>
        [0, -30_000].some(
          (d) => TOTP.generate({ secret: Secret.fromBase32('JBSWY3DPEHPK3PXP'), timestamp: Date.now() + d }) === code,
        ),
      );
  });

  it('searches, pins to the top and renames', async () => {
    await typeInto(popup, 'Search codes', 'CAROL');
    await expect.poll(codesShown).toHaveLength(1);
    expect((await codesShown())[0]).toContain('Transfer Co');
    await popup.evaluate(() => {
      const search = document.getElementById('otp-search') as HTMLInputElement;
      search.value = '';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    }, null);
    await expect.poll(codesShown).toHaveLength(6);
    // The tab is at transfer.localhost, where four were added: those first, the pinned one at their head.
    await press(popup, '⋯', 'button[aria-label="More for Typed Co (frank)"]');
    await press(popup, 'Pin');
    await expect
      .poll(async () => (await codesShown()).map((text) => text.split(' ')[0]))
      .toEqual(['Typed', 'Counter', 'Picture', 'Transfer', 'Example', 'Look-alike']);
    await press(popup, '⋯', 'button[aria-label="More for Typed Co (frank)"]');
    await press(popup, 'Edit');
    await typeInto(popup, 'Service', 'Renamed Co');
    await press(popup, 'Save');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Saved.');
    expect((await codesShown())[0]).toMatch(/^Renamed Co frank · pinned · this site/);
  });

  // axe-core drives Playwright pages: Chromium's run only.
  it.runIf(name === 'Chromium')(
    'has no serious accessibility problem in the list, its menu and the Manage codes page (axe, Chromium)',
    async () => {
      await press(popup, '⋯', 'button[aria-label="More for Counter Co (dave)"]');
      expect(await seriousViolations(popup as unknown as PlaywrightPage)).toEqual([]);
      // The Manage codes page, with its import and export.
      const page = await browser.tabOpenedBy(() => press(popup, 'Manage codes'), '/codes.html', 'Manage codes');
      await expect.poll(() => textOf(page, '.otp-import')).toContain('Import');
      expect(await seriousViolations(page as unknown as PlaywrightPage)).toEqual([]);
      await page.close();
    },
  );

  it('locks by itself after the idle time chosen', async () => {
    await popup.evaluate(() => {
      const select = document.querySelector('.otp-lock select') as HTMLSelectElement;
      select.value = '1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, null);
    const lockAt = () =>
      popup.evaluate(async () => {
        type Alarms = { alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined> } };
        const g = globalThis as unknown as { browser?: Alarms; chrome?: Alarms };
        return (await (g.browser ?? g.chrome)!.alarms.get('sidekey-otp-lock'))?.scheduledTime ?? 0;
      }, null);
    // The new time applies at once: the auto-lock is a minute away now, not 15.
    await expect.poll(async () => Math.round(((await lockAt()) - Date.now()) / 10_000)).toBe(6);
    if (!browser.inBackground) return; // Firefox: the alarm is set alike; the rest needs the background's hand
    // The popup closed; a page of the site asking for its accounts is no use: the lock stays put.
    await popup.close();
    // Functions sent to the worker and run there: each reaches its own `chrome` (typed for what is used).
    type Alarms = {
      get(name: string): Promise<{ scheduledTime: number } | undefined>;
      create(name: string, info: { when: number }): Promise<void>;
    };
    const alarmNow = () =>
      browser.inBackground!(
        async () =>
          (await (globalThis as unknown as { chrome: { alarms: Alarms } }).chrome.alarms.get('sidekey-otp-lock'))
            ?.scheduledTime ?? 0,
      );
    // Read once the popup is closed and what it last asked is answered, so nothing of the popup's moves it after.
    let chosenLock = await alarmNow();
    for (let again = -1; again !== chosenLock;) {
      if (again !== -1) chosenLock = again;
      await new Promise((resolve) => setTimeout(resolve, 500));
      again = await alarmNow();
    }
    await tab.goto(site.url('bank.localhost', '/single'));
    await expect.poll(() => hostMarks(), { timeout: 10_000 }).toBe(3); // the page has asked, and shows the mark
    expect(await alarmNow()).toBe(chosenLock);
    // The minute passes without a real wait (CI time): the same alarm, due now, as the browser would
    // fire it then (Chrome fires an unpacked extension's alarms without its 30 s minimum).
    await browser.inBackground(() =>
      (globalThis as unknown as { chrome: { alarms: Alarms } }).chrome.alarms.create('sidekey-otp-lock', {
        when: Date.now() + 100,
      }),
    );
    await expect.poll(alarmNow).toBe(0); // fired, and not set again by anything
    await openPopup();
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Your one-time codes are locked.');
  });
  it('moves in from Aegis (encrypted), andOTP (binary) and the Authenticator extension (encrypted) through the Manage codes page: the same codes, a Yandex entry marked', async () => {
    await openPopup();
    await unlockIfLocked();
    popup = await manageCodes(browser, popup);
    await expect.poll(() => textOf(popup, '.otp-import')).toContain('Import');
    const db = aegisDb();
    db.entries.push({ ...db.entries[0]!, type: 'yandex', name: 'Yandex user', issuer: 'Yandex' });
    // Aegis's own scrypt parameters (N = 2^15), decrypted in the page.
    await importEncrypted(aegisEncrypted(['aegis password'], db), 'aegis-backup.json', 'Aegis', 'aegis password');
    await expect.poll(() => textOf(popup, '[data-testid=otp-found]'), { timeout: 30_000 }).toContain('Deno (Mason)');
    expect(await textOf(popup, '[data-testid=otp-rejected]')).toBe(
      'Yandex — Yandex user — Sidekey does not make yandex codes.',
    );
    await press(popup, 'Import them');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('7 accounts imported, 0 duplicates skipped.');
    // Aegis's group came along: the list shows it, and shows that group alone when asked.
    await expect.poll(async () => (await codesShown()).find((c) => c.includes('Deno')) ?? '').toContain('Work');
    await choose('otp-group-filter', 'Work');
    await expect.poll(async () => (await codesShown()).map((c) => c.split(' ')[0])).toEqual(['Deno']);
    await choose('otp-group-filter', '');
    // Every time-based code as the independent HOTP of the fixture computes it (this step or the next).
    for (const a of SAMPLE.filter((s) => s.type !== 'hotp')) {
      const seconds = Date.now() / 1000;
      await expect
        .poll(() => codeOf(`${a.issuer} ${a.name}`))
        .toBeOneOf([theirCode(a, seconds), theirCode(a, seconds + (a.period ?? 30))]);
    }

    // andOTP's encrypted backup is bytes, not text: the same accounts, all already here.
    await importEncrypted(
      [...andOtpEncrypted('andotp password')],
      'otp_accounts.json.aes',
      'andOTP',
      'andotp password',
    );
    await expect.poll(() => textOf(popup, '[data-testid=otp-found]'), { timeout: 30_000 }).toContain('Steam (Sophia)');
    await press(popup, 'Import the new ones');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('0 accounts imported, 7 duplicates skipped.');
    // The Authenticator extension's encrypted backup: its Argon2id key check and CryptoJS seals, opened in the page.
    await importEncrypted(
      await authenticatorExtensionEncrypted('extension password'),
      'authenticator.json',
      'Authenticator',
      'extension password',
    );
    await expect.poll(() => textOf(popup, '[data-testid=otp-found]'), { timeout: 30_000 }).toContain('Steam (Sophia)');
    await press(popup, 'Import the new ones');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('0 accounts imported, 7 duplicates skipped.');

    // Out again, as links every app reads: said to be unencrypted before it is written.
    await popup.evaluate(() => {
      const original = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob) => {
        void blob.text().then((text) => ((globalThis as unknown as { saved: string }).saved = text));
        return original(blob);
      };
    }, null);
    await choose('otp-export-format', 'otpauth');
    await expect.poll(() => textOf(popup, '[data-testid=otp-export-warning]')).toContain('unencrypted');
    await typeInto(popup, 'Passphrase of your codes (asked again before they leave Sidekey)', 'correct horse battery');
    await press(popup, 'Save the file');
    const saved = () => popup.evaluate(() => (globalThis as unknown as { saved?: string }).saved ?? '', null);
    await expect.poll(saved, { timeout: 15_000 }).toContain('otpauth://steam/Steam%3ASophia?');
    expect(await saved()).toContain(`secret=${SAMPLE[0].secret}`);

    // Google Authenticator's transfer codes on screen, read back from the image by jsQR.
    await choose('otp-export-format', 'google');
    await typeInto(popup, 'Passphrase of your codes (asked again before they leave Sidekey)', 'correct horse battery');
    await press(popup, 'Show the codes');
    await expect.poll(() => textOf(popup, '[data-testid=otp-transfer]'), { timeout: 15_000 }).toContain('Code 1 of');
    const image = await popup.evaluate(() => document.querySelector<HTMLImageElement>('.otp-transfer img')!.src, null);
    const png = PNG.sync.read(Buffer.from(image.split(',')[1]!, 'base64'));
    const text = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)!.data;
    expect(parseMigrationUri(text).map((a) => a.issuer)).toContain('Deno');
    // Steam, 7 digits and other periods cannot go to Google Authenticator: named, not changed.
    const left = await textOf(popup, '[data-testid=otp-transfer-left]');
    for (const name of ['Steam (Sophia)', 'SPDX (James)', 'Airbnb (Elijah)', 'Air Canada (Benjamin)'])
      expect(left).toContain(name);
    await press(popup, 'Hide the codes');
    expect(await popup.evaluate(() => document.querySelector('.otp-transfer'), null)).toBeNull();
  });
  // The virtual authenticator (with PRF) is Chromium's, through CDP.
  it.runIf(name === 'Chromium')(
    'turns fingerprint unlock on for the codes and unlocks with it after a lock; off again (virtual authenticator, Chromium)',
    async () => {
      await openPopup();
      const page = popup as unknown as PlaywrightPage;
      await addVirtualAuthenticator(page);
      await page.reload();
      await unlockIfLocked();
      await press(popup, 'Turn on fingerprint unlock for the codes');
      await expect
        .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
        .toContain('Fingerprint unlock is on for the codes.');
      await press(popup, 'Lock now');
      await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Your one-time codes are locked.');
      await press(popup, 'Unlock with fingerprint');
      await expect.poll(() => codeOf('Deno Mason'), { timeout: 15_000 }).toMatch(/^\d{6}$/);
      await press(popup, 'Turn off fingerprint unlock for the codes');
      await expect
        .poll(() => textOf(popup, '[data-testid=otp]'))
        .toContain('Fingerprint unlock is off for the codes: use your passphrase.');
      await press(popup, 'Lock now');
      await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Your one-time codes are locked.');
      expect(await page.getByRole('button', { name: 'Unlock with fingerprint' }).count()).toBe(0);
    },
  );
});
