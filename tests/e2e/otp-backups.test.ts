/**
 * Automatic backups of the one-time codes (#27) in both browsers with the built extension, as
 * people use them: codes set up, a dated file in the downloads folder after each change (only the
 * last N kept), a WebDAV folder on a real server (Apache mod_dav) — a wrong app password refused, a
 * backup after each change, the server down (seen in the popup and on the badge) then back (it
 * catches up by itself), a second profile joining the folder with the first one's passphrase and
 * the two merging each other's additions and deletions — and a fresh profile restored from the
 * folder, and another from a file, with the same codes. One test body, two drivers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptBackup } from '../../src/core/otp/backup';
import {
  BROWSERS,
  press,
  textOf,
  typeInto,
  type AnyBrowser,
  type AnyPage,
  type LaunchOptions,
} from '../fixtures/otp-browsers';
import { startWebDav, type WebDav } from '../fixtures/webdav';
import { waitUntil } from '../fixtures/wait';

const PASSPHRASE = 'correct horse battery';
const OTHER_PASSPHRASE = 'another long passphrase';
const GITHUB = 'otpauth://totp/GitHub:anna?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const MAIL = 'otpauth://totp/Mail:anna?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ======&issuer=Mail';
const SHOP = 'otpauth://totp/Shop:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Shop';
const FORUM = 'otpauth://totp/Forum:anna?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Forum';
const DOCS = 'otpauth://totp/Docs:anna?secret=ONSWG4TFORZWK3TEMVZXI5DFON2A&issuer=Docs';

describe.each(BROWSERS)('%s: automatic backups of the one-time codes', (name, launch) => {
  let dav: WebDav;
  const browsers: AnyBrowser[] = [];
  const folders: string[] = [];
  let a: AnyPage;
  let downloadsA = '';

  async function start(options: LaunchOptions = {}) {
    const b = await launch(options);
    browsers.push(b);
    return b;
  }
  /** The Manage codes page, opened as the popup's button opens it (a tab of the extension). */
  async function codesPage(b: AnyBrowser): Promise<AnyPage> {
    const page = await b.newPage();
    void page.goto(b.popupUrl.replace('popup.html', 'codes.html')).catch(() => undefined);
    await waitUntil(
      () =>
        page
          .evaluate(() => !!document.querySelector('#otp-import-file, #otp-passphrase, #restore-file'), null)
          .catch(() => false),
      (ready) => ready,
      'the Manage codes page',
    );
    return page;
  }
  async function setUp(page: AnyPage, passphrase: string) {
    await typeInto(page, 'Choose a passphrase', passphrase);
    await typeInto(page, 'Repeat the passphrase', passphrase);
    await press(page, 'Set up one-time codes');
    await expect.poll(() => textOf(page, '[data-testid=otp]'), { timeout: 15_000 }).toContain('Add an account');
  }
  async function addLink(page: AnyPage, uri: string) {
    if (!(await page.evaluate(() => !!document.getElementById('otp-uri'), null))) {
      if (!(await page.evaluate(() => !!document.querySelector('.otp-add'), null))) await press(page, 'Add an account');
      await press(page, 'Paste a link');
    }
    await typeInto(page, 'otpauth:// link or transfer code', uri);
    await press(page, 'Add');
    await expect.poll(() => textOf(page, '[data-testid=otp]'), { timeout: 10_000 }).toMatch(/Added: /);
  }
  const accountsShown = (page: AnyPage) =>
    page.evaluate(
      () =>
        [...document.querySelectorAll('[data-testid=otp-account]')]
          .map((li) => li.querySelector('strong, .otp-issuer')?.textContent ?? li.textContent ?? '')
          .map((t) => t.trim()),
      null,
    );
  const issuersOf = async (text: string, passphrase = PASSPHRASE) =>
    (await decryptBackup(text, passphrase)).map((x) => x.issuer).sort();
  const newestIssuers = async (dir: string) => {
    const newest = folderFiles(dir).at(-1);
    return newest ? issuersOf(fs.readFileSync(path.join(dir, 'Sidekey', newest), 'utf8')) : null;
  };
  const davFile = () => path.join(dav.dir, 'sidekey-codes.json');
  const davIssuers = async () => (fs.existsSync(davFile()) ? issuersOf(fs.readFileSync(davFile(), 'utf8')) : []);
  const folderFiles = (dir: string) =>
    fs.existsSync(path.join(dir, 'Sidekey'))
      ? fs
          .readdirSync(path.join(dir, 'Sidekey'))
          .filter((f) => !f.endsWith('.part') && !f.endsWith('.crdownload'))
          .sort()
      : [];
  const badge = (page: AnyPage) =>
    page.evaluate(
      () =>
        (
          globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }
        ).chrome.action.getBadgeText({}),
      null,
    );
  /** The status lines of the automatic backup, the page drawn again (as a person reloads it). */
  async function statusAfterReload(page: AnyPage) {
    await page
      .evaluate(() => {
        (window as unknown as { before?: boolean }).before = true;
        location.reload();
      }, null)
      .catch(() => undefined);
    await waitUntil(
      () =>
        page
          .evaluate(
            () =>
              !(window as unknown as { before?: boolean }).before &&
              !!document.querySelector('[data-testid=backup-status]'),
            null,
          )
          .catch(() => false),
      (x) => x,
      'the backup status',
    );
    return textOf(page, '[data-testid=backup-status]');
  }
  /** "Back up now", and its answer drawn (the list too: what the other browser changed). */
  async function backUpNow(page: AnyPage) {
    await press(page, 'Back up now');
    await waitUntil(
      () => page.evaluate(() => document.querySelector('.otp-backup-auto')?.getAttribute('aria-busy'), null),
      (busy) => busy === 'false',
      'the backup',
    );
  }
  async function saveDav(page: AnyPage, password: string) {
    await typeInto(page, 'Folder address', dav.folderUrl);
    await typeInto(page, 'User name', dav.user);
    await typeInto(page, 'App password', password);
    await press(page, 'Check and save');
  }

  beforeAll(async () => {
    dav = await startWebDav();
    downloadsA = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-downloads-'));
    folders.push(downloadsA);
  }, 30_000);
  afterAll(async () => {
    for (const b of browsers) await b.close().catch(() => undefined);
    await dav?.close();
    for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
  });

  it('saves a dated backup into the downloads folder after each change, keeping only the last N', async () => {
    const browser = await start({ downloads: downloadsA });
    a = await codesPage(browser);
    // A fresh install offers the restore before asking for a passphrase.
    expect(await textOf(a, '[data-testid=otp]')).toContain('Restore from a backup');
    await setUp(a, PASSPHRASE);
    await addLink(a, GITHUB);
    // The set-up itself left a first file (of no account); each change one more.
    await expect.poll(() => newestIssuers(downloadsA), { timeout: 20_000 }).toEqual(['GitHub']);
    expect(folderFiles(downloadsA).at(-1)).toMatch(
      /^sidekey-codes-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(?: \(\d+\))?\.json$/,
    );
    // Three files kept; three more changes.
    await a.evaluate(() => {
      const select = document.querySelector('[data-testid=backup-folder-keep]') as HTMLSelectElement;
      select.value = '3';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }, null);
    const added = ['GitHub'];
    for (const [uri, issuer] of [
      [MAIL, 'Mail'],
      [SHOP, 'Shop'],
      [FORUM, 'Forum'],
    ] as const) {
      await new Promise((r) => setTimeout(r, 1100)); // a new second, a new name
      await addLink(a, uri);
      added.push(issuer);
      await expect.poll(() => newestIssuers(downloadsA), { timeout: 20_000 }).toEqual([...added].sort());
    }
    await expect.poll(() => folderFiles(downloadsA).length, { timeout: 20_000 }).toBe(3);
    const newest = folderFiles(downloadsA).at(-1)!;
    expect(await issuersOf(fs.readFileSync(path.join(downloadsA, 'Sidekey', newest), 'utf8'))).toEqual([
      'Forum',
      'GitHub',
      'Mail',
      'Shop',
    ]);
    expect(await statusAfterReload(a)).toMatch(/Last backup: .+, downloads folder\./);
  }, 120_000);

  it('checks the WebDAV folder before keeping it: a wrong app password is refused', async () => {
    await saveDav(a, 'not the app password');
    await expect
      .poll(() => textOf(a, '[data-testid=otp]'))
      .toContain('The server refused the user name or app password.');
    expect(fs.existsSync(davFile())).toBe(false);
    await saveDav(a, dav.password);
    await expect
      .poll(() => textOf(a, '[data-testid=otp]'), { timeout: 20_000 })
      .toContain(`Backups go to ${dav.folderUrl}.`);
    expect(await davIssuers()).toEqual(['Forum', 'GitHub', 'Mail', 'Shop']);
    expect(await statusAfterReload(a)).toMatch(new RegExp(`Last backup: .+, WebDAV localhost:${dav.port}\\.`));
  }, 60_000);

  it('backs up to WebDAV after a change; an outage shows in the popup and on the badge, and heals by itself', async () => {
    await dav.stop();
    await addLink(a, DOCS);
    await expect
      .poll(() => statusAfterReload(a), { timeout: 20_000 })
      .toContain(`Backup failed (WebDAV localhost:${dav.port}): The server cannot be reached.`);
    expect(await badge(a)).toBe('!');
    const popup = await browsers[0]!.newPage();
    void popup.goto(browsers[0]!.popupUrl).catch(() => undefined);
    await expect
      .poll(() => textOf(popup, '[data-testid=backup-warning]'), { timeout: 15_000 })
      .toContain('The server cannot be reached.');
    await popup.close();
    await dav.start();
    // Looking again (the popup opened) is enough: the failing target is tried at once.
    const again = await browsers[0]!.newPage();
    void again.goto(browsers[0]!.popupUrl).catch(() => undefined);
    await expect.poll(davIssuers, { timeout: 30_000 }).toEqual(['Docs', 'Forum', 'GitHub', 'Mail', 'Shop']);
    await expect.poll(() => badge(a), { timeout: 10_000 }).toBe('');
    await again.close();
    expect(await statusAfterReload(a)).not.toContain('failed');
  }, 90_000);

  it('a second profile joins the folder with the first one’s passphrase; each takes the other’s additions and deletions', async () => {
    const downloadsB = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-downloads-'));
    folders.push(downloadsB);
    const other = await start({ downloads: downloadsB });
    const b = await codesPage(other);
    await setUp(b, OTHER_PASSPHRASE);
    await addLink(b, 'otpauth://totp/Cloud:bob?secret=NBSWY3DPO5XXE3DEMZXW63TFMVZGI===&issuer=Cloud');
    await saveDav(b, dav.password);
    await expect
      .poll(() => textOf(b, '[data-testid=otp]'), { timeout: 15_000 })
      .toContain('holds a backup from another Sidekey');
    await typeInto(b, 'The backup’s passphrase', PASSPHRASE);
    await press(b, 'Check and save');
    await expect
      .poll(() => textOf(b, '[data-testid=otp]'), { timeout: 20_000 })
      .toContain(`Backups go to ${dav.folderUrl}.`);
    // B has A's accounts beside its own, and the folder has B's account: A's passphrase opens it.
    await expect.poll(async () => (await accountsShown(b)).join(' '), { timeout: 15_000 }).toMatch(/Cloud.*|.*Cloud/);
    await expect.poll(async () => (await accountsShown(b)).length).toBe(6);
    await expect.poll(davIssuers, { timeout: 20_000 }).toEqual(['Cloud', 'Docs', 'Forum', 'GitHub', 'Mail', 'Shop']);
    // A takes B's addition at its next backup.
    await backUpNow(a);
    await expect.poll(async () => (await accountsShown(a)).length, { timeout: 20_000 }).toBe(6);
    // B deletes the forum's account; A loses it too.
    await b.evaluate(() => {
      const item = [...document.querySelectorAll('[data-testid=otp-account]')].find((li) =>
        li.textContent?.includes('Forum'),
      );
      (item?.querySelector('button[aria-label^="More for"]') as HTMLButtonElement | null)?.click();
    }, null);
    await press(b, 'Delete…');
    await press(b, 'Delete');
    await expect.poll(davIssuers, { timeout: 20_000 }).toEqual(['Cloud', 'Docs', 'GitHub', 'Mail', 'Shop']);
    await backUpNow(a);
    await expect.poll(async () => (await accountsShown(a)).length, { timeout: 20_000 }).toBe(5);
    expect((await accountsShown(a)).join(' ')).not.toContain('Forum');
  }, 120_000);

  it('a fresh profile restores from the WebDAV folder (a wrong passphrase refused) and from a file, with the same codes', async () => {
    const fresh = await start();
    // As a person finds it: the popup of a fresh install offers the restore, on the codes page.
    const popup = await fresh.openExtensionPage('');
    await expect.poll(() => textOf(popup, '[data-testid=otp]'), { timeout: 15_000 }).toContain('Choose a passphrase');
    const c = await fresh.tabOpenedBy(() => press(popup, 'Restore from a backup'), '/codes.html', 'Manage codes');
    await waitUntil(
      () => c.evaluate(() => !!document.getElementById('restore-file'), null).catch(() => false),
      (x) => x,
      'the restore form',
    );
    await typeInto(c, 'Folder address', dav.folderUrl);
    await typeInto(c, 'User name', dav.user);
    await typeInto(c, 'App password', dav.password);
    await typeInto(c, 'The backup’s passphrase', 'not the passphrase');
    await press(c, 'Restore');
    await expect.poll(() => textOf(c, '[data-testid=otp]'), { timeout: 15_000 }).toContain('Wrong passphrase');
    await typeInto(c, 'The backup’s passphrase', PASSPHRASE);
    await press(c, 'Restore');
    await expect.poll(() => textOf(c, '[data-testid=otp]'), { timeout: 20_000 }).toContain('5 accounts restored.');
    await expect.poll(async () => (await accountsShown(c)).length, { timeout: 15_000 }).toBe(5);
    // And from a file of the downloads folder, in another fresh profile.
    const another = await start();
    const d = await codesPage(another);
    const file = fs.readFileSync(path.join(downloadsA, 'Sidekey', folderFiles(downloadsA).at(-1)!), 'utf8');
    await d.evaluate((content) => {
      const input = document.getElementById('restore-file') as HTMLInputElement;
      const files = new DataTransfer();
      files.items.add(new File([content], 'sidekey-codes.json'));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, file);
    await new Promise((r) => setTimeout(r, 300));
    await typeInto(d, 'The backup’s passphrase', PASSPHRASE);
    await press(d, 'Restore');
    await expect.poll(() => textOf(d, '[data-testid=otp]'), { timeout: 20_000 }).toMatch(/\d accounts restored\./);
    // The same codes as the first profile's, account by account.
    const codes = (page: AnyPage) =>
      page.evaluate(
        () =>
          Object.fromEntries(
            [...document.querySelectorAll('[data-testid=otp-account]')].map((li) => [
              li.textContent?.replace(/\d{3} ?\d{3}.*/, '').trim(),
              li.querySelector('[data-testid=otp-code]')?.textContent?.replace(' ', ''),
            ]),
          ),
        null,
      );
    const [mine, restored] = [await codes(a), await codes(c)];
    expect(Object.keys(restored).length).toBe(5);
    for (const [account, code] of Object.entries(restored)) expect(mine[account], account).toBe(code);
    void name;
  }, 120_000);
});
