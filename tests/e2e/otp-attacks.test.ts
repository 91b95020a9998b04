/**
 * The one-time codes attacked (#22), in both browsers with the built extension, each test written
 * as the attack: a page of the account's own site that hides, moves or covers Sidekey's mark over
 * its own "▶ Play" (or walks the tab order into it, or brings it under the pointer just before the
 * click); a setup QR shown in a cross-origin frame; three popups asking HOTP codes at once; an
 * issuer spelled backwards behind U+202E; crafted backup files; one account past the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOTP, Secret } from 'otpauth';
import { encryptBackup, type BackupAccount } from '../../src/core/otp/backup';
import { parseOtpauthUri } from '../../src/core/otp/otpauth-uri';
import { newKdfParams } from '../../src/core/otp/passphrase-key';
import { sendFromExtensionPage } from '../fixtures/extension-api';
import {
  BROWSERS,
  chooseImportFile,
  manageCodes,
  clickMark,
  isCurrentCode,
  markSettles,
  onTabFromExtension,
  popupOnTab,
  press,
  rootChildren,
  textOf,
  typeInto,
  type AnyBrowser,
  type AnyPage,
} from '../fixtures/otp-browsers';
import { startOtpSite, type OtpSite } from '../fixtures/otp-site';
import { waitUntil } from '../fixtures/wait';

const PASSPHRASE = 'correct horse battery';
/** A backup's own passphrase, and cheap key parameters (a crafted file may choose them; they are within bounds). */
const BACKUP_PASSPHRASE = 'a crafted file passphrase';
const craft = (accounts: BackupAccount[]) =>
  encryptBackup(accounts, BACKUP_PASSPHRASE, { ...newKdfParams(), memoryKiB: 8192, iterations: 1 });
const LOOK_ALIKE: BackupAccount = {
  ...parseOtpauthUri(
    'otpauth://totp/Example%20Bank:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example%20Bank',
  ),
  site: 'bank.localhost',
  pinned: true,
  addedAt: 1_780_000_000_000,
};

describe.each(BROWSERS)('%s: one-time codes under attack', (name, launch) => {
  let browser: AnyBrowser;
  let site: OtpSite;
  let tab: AnyPage;
  let popup: AnyPage;

  const openPopup = async () => {
    popup = await popupOnTab(browser, tab, popup);
  };
  const codesShown = () =>
    popup.evaluate(
      () => [...document.querySelectorAll('[data-testid=otp-account]')].map((li) => li.textContent ?? ''),
      null,
    );
  /** The list, once the popup has shown it (it asks the background after opening). */
  /** How many accounts the vault holds, as the background answers the popup. */
  const held = async () =>
    (
      (await popup.evaluate(sendFromExtensionPage, { sidekey: 1, type: 'otpList', body: { tabId: null } })) as {
        value: { accounts: unknown[] };
      }
    ).value.accounts.length;
  const filled = () => tab.evaluate(() => document.querySelector<HTMLInputElement>('#otp')?.value ?? '', null);
  const played = () => tab.evaluate(() => (window as unknown as { played: number }).played, null);
  /** The middle of an element of the page, as the user aims at it. */
  const middleOf = (selector: string) =>
    tab.evaluate((s) => {
      const r = document.querySelector(s)!.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, selector);
  const chooseImport = (text: string) => chooseImportFile(popup, text);
  /** Time enough for a click to have been answered, or a mark to have settled twice over. */
  const aMoment = () => new Promise((resolve) => setTimeout(resolve, 1200));

  beforeAll(async () => {
    site = await startOtpSite();
    browser = await launch();
    tab = await browser.newPage();
    // The user's account at the bank, added from its setup page as in otp-codes.test.ts.
    await tab.goto(site.url('bank.localhost', '/setup'));
    await openPopup();
    const shows = (text: string) =>
      waitUntil(
        () => textOf(popup, '[data-testid=otp]'),
        (shown) => shown.includes(text),
        `“${text}” in the popup`,
      );
    await shows('Choose a passphrase');
    await typeInto(popup, 'Choose a passphrase', PASSPHRASE);
    await typeInto(popup, 'Repeat the passphrase', PASSPHRASE);
    await press(popup, 'Set up one-time codes');
    await shows('Add an account');
    await press(popup, 'Add an account');
    await press(popup, 'Read the QR code on this page');
    await shows('Added: Example Bank (anna@example.eu).');
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each([
    ['makes the mark transparent through its host’s style', '/jack-opacity'],
    ['moves the mark (position: fixed; transform) over its Play', '/jack-move'],
    ['covers the mark with its own top-layer Play that lets clicks through', '/jack-cover'],
  ])('a page of the account’s site that %s gets no code from the user’s click on Play', async (_attack, path) => {
    await tab.goto(site.url('bank.localhost', path));
    // The page has seen Sidekey's mark (and done its worst to it).
    await expect
      .poll(() => tab.evaluate(() => (window as unknown as { seen: number }).seen, null), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await aMoment();
    const play = await middleOf('#play');
    await tab.mouse.click(play.x, play.y);
    await aMoment();
    expect(await filled()).toBe('');
    // A mark whose host the page restyled is taken away: the click was the page's Play's, as the user meant.
    if (path !== '/jack-cover') expect(await played()).toBe(1);
  });

  it('a page’s stylesheet cannot hide or move the mark: it stays opaque at the field, and a click on it fills', async () => {
    await tab.goto(site.url('bank.localhost', '/jack-sheet'));
    await expect.poll(() => rootChildren(tab), { timeout: 10_000 }).toBe(3);
    const host = await tab.evaluate(() => {
      const style = getComputedStyle(document.documentElement.lastElementChild!);
      return [style.opacity, style.transform, style.filter];
    }, null);
    expect(host).toEqual(['1', 'none', 'none']);
    await clickMark(tab, '#otp');
    await expect.poll(filled).toSatisfy(isCurrentCode);
  });

  it('a code field in the page’s own modal dialog, opened after the mark was shown, gets its mark on top and filled', async () => {
    await tab.goto(site.url('bank.localhost', '/dialog'));
    await expect.poll(() => rootChildren(tab), { timeout: 10_000 }).toBe(3);
    // Sidekey's mark moves into the dialog (outside it, the dialog would make it inert) and on top.
    await expect
      .poll(() => tab.evaluate(() => document.querySelector('dialog')!.lastElementChild?.tagName, null), {
        timeout: 10_000,
      })
      .toBe('DIV');
    // It has just moved (into the dialog, then placed at the field): its moment unmoved starts
    // again there, and a loaded machine's guard looks late — a person's eye finds it first too.
    await markSettles();
    await clickMark(tab, '#otp');
    await expect.poll(filled).toSatisfy(isCurrentCode);
  });

  it('“Tab, then Enter” from the page’s last control types nothing (the mark is no tab stop)', async () => {
    await tab.goto(site.url('bank.localhost', '/jack-tab'));
    await tab.bringToFront();
    await expect.poll(() => rootChildren(tab), { timeout: 10_000 }).toBe(3);
    await markSettles();
    expect(await tab.evaluate(() => document.activeElement?.id, null)).toBe('play');
    for (let i = 0; i < 3; i++) {
      await tab.keyboard.press('Tab');
      await tab.keyboard.press('Enter');
    }
    await aMoment();
    expect(await filled()).toBe('');
  });

  it('a mark brought under the pointer just before the click does not fill; seen for a moment, it does', async () => {
    await tab.goto(site.url('bank.localhost', '/jack-appear'));
    const play = await middleOf('#play');
    await tab.mouse.move(play.x, play.y);
    await tab.mouse.move(play.x + 1, play.y);
    // The field, and the mark at its right end, appear right under the pointer: the click comes at once.
    await expect
      .poll(
        () =>
          tab.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.parentElement === document.documentElement, play),
        { timeout: 10_000, interval: 20 },
      )
      .toBe(true);
    await tab.mouse.click(play.x, play.y);
    await aMoment();
    expect(await filled()).toBe('');
    // The user, having seen the key appear, clicks it.
    await tab.mouse.click(play.x, play.y);
    await expect.poll(filled).toSatisfy(isCurrentCode);
  });

  it('hands out each HOTP counter value once, however many popups ask at the same moment', async () => {
    await openPopup();
    const added = (await popup.evaluate(sendFromExtensionPage, {
      sidekey: 1,
      type: 'otpAddText',
      body: { text: 'otpauth://hotp/Counter%20Co:zoe?secret=ONSWG4TFOQQGG33EMUQHI5DPEB2GK43U&counter=0', tabId: null },
    })) as { value: { added: { id: string }[] } };
    const id = added.value.added[0]!.id;
    const popups = await Promise.all([1, 2, 3].map(() => browser.openExtensionPage('?check=no')));
    const asked = await Promise.all(
      popups.map((p) =>
        p.evaluate(
          async ({ id, send }) => {
            const ask = new Function(`return (${send})`)() as (m: unknown) => Promise<{ value: { code: string } }>;
            const replies = await Promise.all(
              [1, 2, 3].map(() => ask({ sidekey: 1, type: 'otpHotpCode', body: { id } })),
            );
            return replies.map((r) => r.value.code);
          },
          { id, send: sendFromExtensionPage.toString() },
        ),
      ),
    );
    await Promise.all(popups.map((p) => p.close()));
    const codes = asked.flat();
    const expected = Array.from({ length: 9 }, (_, counter) =>
      HOTP.generate({ secret: Secret.fromBase32('ONSWG4TFOQQGG33EMUQHI5DPEB2GK43U'), counter }),
    );
    expect(codes.sort()).toEqual(expected.sort());
  });

  it('shows an issuer spelled backwards behind U+202E as it is spelled, not as “GitHub”', async () => {
    await openPopup();
    await press(popup, 'Add an account');
    await press(popup, 'Paste a link');
    await typeInto(
      popup,
      'otpauth:// link or transfer code',
      'otpauth://totp/%E2%80%AEbuHtiG:%E2%81%A6mallory?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=%E2%80%AEbuHtiG',
    );
    await press(popup, 'Add');
    await expect.poll(() => textOf(popup, '[data-testid=otp]')).toContain('Added: buHtiG (mallory).');
    // The list is drawn again after the notice: wait for the new entry in it.
    const added = async () => (await codesShown()).find((text) => text.includes('buHtiG')) ?? '';
    await expect.poll(added).toMatch(/^buHtiG mallory/);
    const entry = await added();
    expect(entry).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    // Drawn isolated: each name in its own <bdi>.
    expect(
      await popup.evaluate(
        () => [...document.querySelectorAll('[data-testid=otp-account] bdi')].some((b) => b.textContent === 'buHtiG'),
        null,
      ),
    ).toBe(true);
  });

  it('refuses a crafted backup whose site is no site, and shows where each account of a backup would be filled', async () => {
    await openPopup();
    popup = await manageCodes(browser, popup);
    await chooseImport(await craft([{ ...LOOK_ALIKE, site: 'exa mple/*' }]));
    await press(popup, 'Read the file');
    await expect.poll(() => popup.evaluate(() => !!document.getElementById('otp-import-password'), null)).toBe(true);
    await typeInto(popup, 'Password of the export', BACKUP_PASSPHRASE);
    await press(popup, 'Read the file');
    await expect
      .poll(() => textOf(popup, '#otp-error'), { timeout: 15_000 })
      .toBe('This backup holds accounts Sidekey cannot read.');
    // A look-alike bound to the bank and pinned: listed with the site it would be filled on, before anything is added.
    await chooseImport(await craft([LOOK_ALIKE]));
    await press(popup, 'Read the file');
    await expect.poll(() => popup.evaluate(() => !!document.getElementById('otp-import-password'), null)).toBe(true);
    await typeInto(popup, 'Password of the export', BACKUP_PASSPHRASE);
    await press(popup, 'Read the file');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp-found]'), { timeout: 15_000 })
      .toBe('Example Bank (anna) · filled on bank.localhost');
    await press(popup, 'Cancel');
    expect((await codesShown()).filter((text) => text.startsWith('Example Bank anna ·'))).toEqual([]);
  });

  it.runIf(name === 'Chromium')(
    'binds a setup QR shown in a cross-origin frame only to the site the user confirms (the capture, Chromium)',
    async () => {
      await tab.goto(site.url('evil.localhost', '/frame-setup'));
      await expect
        .poll(() => tab.evaluate(() => (document.querySelector('iframe') as HTMLIFrameElement).offsetHeight, null))
        .toBe(360);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the framed image drawn
      await tab.bringToFront();
      await browser.clickToolbarButton!(tab.url());
      await openPopup();
      const before = await held();
      await tab.bringToFront();
      await press(popup, 'Add an account');
      await press(popup, 'Read the QR code on this page');
      await expect
        .poll(() => textOf(popup, '[data-testid=otp-confirm-site]'), { timeout: 15_000 })
        .toContain('Is this code for evil.localhost?');
      expect(await textOf(popup, '[data-testid=otp-confirm-site]')).toContain('Second Co (gina)');
      expect(await held()).toBe(before);
      await typeInto(popup, 'For another site (such as example.com)', 'bank.localhost');
      await tab.bringToFront();
      await press(popup, 'Use this site');
      await expect
        .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 })
        .toContain('Added: Second Co (gina).');
      await press(popup, '⋯', 'button[aria-label="More for Second Co (gina)"]');
      await expect
        .poll(async () => (await codesShown()).find((text) => text.startsWith('Second Co')))
        .toContain('bank.localhost');
      // The framing site is offered nothing.
      await tab.goto(site.url('evil.localhost', '/single'));
      expect(await onTabFromExtension(popup, tab, 'ask-fill')).toBe('nobody');
      expect(await rootChildren(tab)).toBe(2);
    },
  );

  it('holds at most 2,000 accounts: one more is refused with a message, and the list still opens', async () => {
    await openPopup();
    const holding = await held();
    const secretOf = (n: number) =>
      `JBSWY3DPEHPK${n.toString(2).padStart(20, '0').replace(/0/g, 'A').replace(/1/g, 'B')}`;
    const list = Array.from(
      { length: 2000 - holding },
      (_, n) => `otpauth://totp/Bulk:user${n}?secret=${secretOf(n)}&issuer=Bulk`,
    ).join('\n');
    popup = await manageCodes(browser, popup);
    await chooseImport(list);
    await press(popup, 'Read the file');
    await expect.poll(() => textOf(popup, '[data-testid=otp-found]'), { timeout: 30_000 }).toContain('Bulk (user0)');
    await press(popup, 'Import them');
    await expect
      .poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 60_000 })
      .toContain(`${2000 - holding} accounts imported`);
    // Opened again, the popup draws its first rows at once and the rest as the list is scrolled,
    // down to all 2,000; then one more is pasted.
    await openPopup();
    await expect.poll(() => codesShown().then((c) => c.length), { timeout: 30_000 }).toBe(50);
    await expect
      .poll(
        async () => {
          await popup.evaluate(() => {
            const list = document.querySelector('.otp-list')!;
            list.scrollTop = list.scrollHeight;
          }, null);
          return (await codesShown()).length;
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe(2000);
    await press(popup, 'Add an account');
    await press(popup, 'Paste a link');
    // A list of 2,000 re-renders each second: the panel is looked for, not assumed.
    await expect
      .poll(() => popup.evaluate(() => !!document.getElementById('otp-uri'), null), { timeout: 15_000 })
      .toBe(true);
    await typeInto(popup, 'otpauth:// link or transfer code', `otpauth://totp/One:more?secret=${secretOf(999_999)}`);
    await press(popup, 'Add');
    await expect
      .poll(() => textOf(popup, '#otp-error'), { timeout: 15_000 })
      .toBe('Sidekey holds at most 2000 one-time-code accounts (2000 now): delete some first.');
    expect(await held()).toBe(2000);
  }, 180_000);
});
