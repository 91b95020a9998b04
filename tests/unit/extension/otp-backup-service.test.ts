/**
 * The automatic backup's background (WXT's fakeBrowser with the downloads, permissions and badge
 * calls recorded; fake-indexeddb; real WebCrypto and Argon2id; Apache mod_dav for the folder):
 * the folder target keeping the last N files, a failure shown on the badge until a backup
 * succeeds, and the restore and WebDAV messages given malformed, hostile and replayed input —
 * each refused with what went wrong, nothing lost or half-made.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { encryptBackup } from '../../../src/core/otp/backup';
import { createMessageRouter } from '../../../src/extension/messaging';
import { parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';
import { newKdfParams, passphraseKey, seal } from '../../../src/core/otp/passphrase-key';
import { importAesGcmKey, VAULT_KEY_CONTEXT, writeSyncedBackup } from '../../../src/core/otp/synced-backup';
import { createCodeAccounts } from '../../../src/extension/otp/code-accounts';
import { createBackupHandlers } from '../../../src/extension/otp/background/backup-messages';
import { startAutomaticBackup } from '../../../src/extension/otp/background/backup-service';
import { openVault } from '../../../src/extension/vault/vault';
import { startWebDav, type WebDav } from '../../fixtures/webdav';

const PASSPHRASE = 'a long walk by the sea';
const GITHUB = {
  ...parseOtpauthUri('otpauth://totp/GitHub:anna?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'),
  site: 'github.com',
};
const fast = () => ({ ...newKdfParams(), memoryKiB: 8192, iterations: 1 });
let opened = 0;

let dav: WebDav;
beforeAll(async () => {
  dav = await startWebDav();
}, 30_000);
afterAll(() => dav?.close());

describe('the automatic backup in the background', () => {
  let downloads: { id: number; filename: string; saveAs?: boolean }[];
  let removed: number[];
  let badge: string;
  let failDownloads: boolean;
  let granted: Set<string>;
  let clock = Date.now();

  async function make() {
    const vault = await openVault(`backup-${++opened}`);
    const otp = createCodeAccounts({ vault: async () => vault, kdfParams: fast });
    const backup = startAutomaticBackup({ otp, afterMerge: async () => undefined, now: () => clock });
    const route = createMessageRouter(createBackupHandlers({ otp, backup }));
    const ask = async (type: string, body: object) => {
      const reply = await route({ sidekey: 1, type, body }, { context: 'extension' });
      if (!reply.ok) throw Object.assign(new Error(reply.error), { code: (reply as { code?: string }).code });
      return reply.value as Record<string, unknown>;
    };
    return { otp, backup, ask };
  }

  beforeEach(() => {
    fakeBrowser.reset();
    downloads = [];
    removed = [];
    badge = '';
    failDownloads = false;
    granted = new Set([`http://localhost/*`]);
    let next = 0;
    const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
    b.downloads = {
      ...b.downloads,
      download: vi.fn(async (options: { filename: string; saveAs?: boolean }) => {
        downloads.push({ id: ++next, ...options });
        return next;
      }),
      search: vi.fn(async ({ id }: { id: number }) => [
        { id, state: failDownloads ? 'interrupted' : 'complete', error: failDownloads ? 'FILE_NO_SPACE' : undefined },
      ]),
      removeFile: vi.fn(async (id: number) => void removed.push(id)),
      erase: vi.fn(async () => []),
      onChanged: { addListener: () => undefined, removeListener: () => undefined },
    };
    b.permissions = {
      ...b.permissions,
      contains: vi.fn(async ({ origins }: { origins: string[] }) => granted.has(origins[0]!)),
    };
    b.action = {
      ...b.action,
      setBadgeText: vi.fn(async ({ text }: { text: string }) => void (badge = text)),
      setBadgeBackgroundColor: vi.fn(async () => undefined),
    };
  });

  it('saves a dated file under Sidekey/ without asking, and deletes its own files past the last N', async () => {
    const { otp, backup, ask } = await make();
    await otp.setUp(PASSPHRASE);
    await ask('otpBackupFolder', { on: true, keep: 3 });
    for (let i = 0; i < 4; i++) {
      await otp.add([{ ...GITHUB, label: `anna${i}` }]);
      await backup.run();
    }
    expect(
      downloads.every((d) => /^Sidekey\/sidekey-codes-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/.test(d.filename)),
    ).toBe(true);
    expect(downloads.every((d) => d.saveAs === false)).toBe(true);
    expect(removed).toEqual(downloads.slice(0, downloads.length - 3).map((d) => d.id));
    // Nothing changed (an unlock, "Back up now"): no new file, so the last 3 files stay 3 versions.
    const written = downloads.length;
    await backup.run();
    await otp.lock();
    await otp.unlock(PASSPHRASE);
    await backup.run();
    expect(downloads).toHaveLength(written);
    // Locked, retried (a WebDAV failure's alarm): no copy of the last file either.
    await otp.lock();
    await backup.run();
    expect(downloads).toHaveLength(written);
    const state = await ask('otpBackupState', {});
    expect(state).toMatchObject({ folder: { on: true, keep: 3, status: { error: null } }, dav: null });
  });

  it('writes the last file again after a day, even while the codes stay locked; not sooner', async () => {
    const { otp, backup } = await make();
    await otp.setUp(PASSPHRASE);
    await otp.add([GITHUB]);
    await backup.run();
    const written = downloads.length;
    await otp.lock();
    await backup.run({ check: true });
    clock += 23 * 3_600_000;
    await backup.run({ check: true });
    expect(downloads).toHaveLength(written);
    clock += 2 * 3_600_000;
    await backup.run({ check: true });
    expect(downloads).toHaveLength(written + 1);
    await backup.run({ check: true });
    expect(downloads).toHaveLength(written + 1);
  });

  it('shows a failing backup on the badge until one succeeds, and never before the codes have a passphrase', async () => {
    const { otp, backup } = await make();
    await backup.run();
    expect(downloads).toEqual([]);
    await otp.setUp(PASSPHRASE);
    failDownloads = true;
    await backup.run();
    expect(badge).toBe('!');
    failDownloads = false;
    await backup.run();
    expect(badge).toBe('');
  });

  it('restores only a fresh install; a damaged file, a wrong passphrase or a crafted account leave it fresh', async () => {
    const { otp, ask } = await make();
    // A backup made by another install: its key wrapped by the passphrase.
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const kdf = fast();
    const header = { kdf, wrapped: await seal(await passphraseKey(PASSPHRASE, kdf), raw.slice(), VAULT_KEY_CONTEXT) };
    const key = await importAesGcmKey(raw.slice());
    const account = { ...GITHUB, pinned: true, addedAt: 1, group: 'work', id: 'kept-id', modifiedAt: 5 };
    const file = await writeSyncedBackup({ accounts: [account], deleted: [] }, header, key);
    const crafted = await writeSyncedBackup(
      { accounts: [{ ...account, secret: new Uint8Array(4) }], deleted: [] },
      header,
      key,
    );
    for (const [text, passphrase, code] of [
      ['{"not":"a backup"}', PASSPHRASE, 'notBackup'],
      ['x'.repeat(1000), PASSPHRASE, 'notBackup'],
      [file, 'not the passphrase', 'backupWrongPassphrase'],
      [crafted, PASSPHRASE, 'backupUnreadable'],
    ] as const) {
      await expect(ask('otpRestore', { from: { file: text }, passphrase }), code).rejects.toMatchObject({ code });
      expect(await otp.state()).toBe('none');
    }
    // Oversized: refused by the contract before any handler.
    await expect(
      ask('otpRestore', { from: { file: 'x'.repeat(2 * 1024 * 1024 + 1) }, passphrase: PASSPHRASE }),
    ).rejects.toThrow();
    expect(await ask('otpRestore', { from: { file }, passphrase: PASSPHRASE })).toEqual({ restored: 1 });
    expect(await otp.state()).toBe('unlocked');
    const [restored] = await otp.accounts();
    expect(restored).toMatchObject({
      id: 'kept-id',
      issuer: 'GitHub',
      pinned: true,
      group: 'work',
      site: 'github.com',
    });
    // The backup's passphrase opens the codes now.
    await otp.lock();
    await otp.unlock(PASSPHRASE);
    // Replayed: nothing overwritten.
    await expect(ask('otpRestore', { from: { file }, passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'passphraseExists',
    });
    expect((await otp.accounts()).length).toBe(1);
  });

  it('restores a backup exported by hand (version 1): its passphrase becomes the codes’', async () => {
    const { otp, ask } = await make();
    const file = await encryptBackup([{ ...GITHUB, pinned: false, addedAt: 1 }], PASSPHRASE, fast());
    expect(await ask('otpRestore', { from: { file }, passphrase: PASSPHRASE })).toEqual({ restored: 1 });
    await otp.lock();
    await otp.unlock(PASSPHRASE);
    expect((await otp.accounts()).map((a) => a.issuer)).toEqual(['GitHub']);
  });

  it('checks a WebDAV folder before keeping it, and never answers with the app password', async () => {
    const { otp, ask } = await make();
    const place = { url: dav.folderUrl, user: dav.user, password: dav.password };
    await expect(ask('otpBackupDavSet', place)).rejects.toMatchObject({ code: 'passphraseFirst' });
    await otp.setUp(PASSPHRASE);
    await otp.lock();
    await expect(ask('otpBackupDavSet', place)).rejects.toMatchObject({ code: 'locked' });
    await otp.unlock(PASSPHRASE);
    for (const [url, code] of [
      ['javascript:alert(1)', 'badUrl'],
      ['http://cloud.example.org/dav/', 'insecure'],
      [`https://alice:pw@localhost:${dav.port}/dav/`, 'badUrl'],
      [`http://127.0.0.1:${dav.port}/dav/backups/`, 'noPermission'],
    ])
      await expect(ask('otpBackupDavSet', { ...place, url }), url).rejects.toMatchObject({ code });
    await expect(ask('otpBackupDavSet', { ...place, password: 'wrong' })).rejects.toMatchObject({
      code: 'wrongPassword',
    });
    await expect(ask('otpBackupDavSet', { ...place, url: 'x'.repeat(3000) })).rejects.toThrow();
    const answer = await ask('otpBackupDavSet', place);
    expect(answer).toMatchObject({
      needsPassphrase: false,
      state: { dav: { url: dav.folderUrl, user: dav.user, shared: false } },
    });
    expect(JSON.stringify(answer)).not.toContain(dav.password);
    expect(JSON.stringify(await ask('otpBackupState', {}))).not.toContain(dav.password);
    expect((answer.state as { dav: { status: { error: unknown } } }).dav.status.error).toBeNull();
    await ask('otpBackupDavOff', {});
    expect(await ask('otpBackupState', {})).toMatchObject({ dav: null });
  });
});
