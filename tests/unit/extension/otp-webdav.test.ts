/**
 * The automatic backup's WebDAV side against a real WebDAV server (Apache httpd with mod_dav,
 * tests/fixtures/webdav.ts) and against hostile servers (node:http): the folder checked, the file
 * written only over the version read (If-Match / If-None-Match), the vault (WXT's fakeBrowser,
 * fake-indexeddb, real WebCrypto and Argon2id) synced and merged with what another browser wrote,
 * a server down then back, and answers too large, redirected elsewhere or too slow — refused.
 */
import 'fake-indexeddb/auto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { decryptBackup } from '../../../src/core/otp/backup';
import { parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';
import { newKdfParams } from '../../../src/core/otp/passphrase-key';
import { openSyncedFile, readSyncedFile, writeSyncedBackup } from '../../../src/core/otp/synced-backup';
import { createCodeAccounts } from '../../../src/extension/otp/code-accounts';
import type { DavSettings } from '../../../src/extension/otp/backup/backup-state';
import { deliverLocked, pendingFor, syncUnlocked } from '../../../src/extension/otp/backup/dav-sync';
import {
  BACKUP_FILE_NAME,
  davCheck,
  davFolderUrl,
  davOrigin,
  davRead,
  davWrite,
  type DavPlace,
} from '../../../src/extension/otp/backup/webdav-client';
import { openVault } from '../../../src/extension/vault/vault';
import { startWebDav, type WebDav } from '../../fixtures/webdav';

const PASSPHRASE = 'a long walk by the sea';
const GITHUB = {
  ...parseOtpauthUri('otpauth://totp/GitHub:anna?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'),
  site: 'github.com',
};
const MAIL = {
  ...parseOtpauthUri('otpauth://totp/Mail:anna?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ======&issuer=Mail'),
  site: '',
};
const BANK = {
  ...parseOtpauthUri('otpauth://hotp/Bank:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=3'),
  site: '',
};
const noWait = { sleep: () => new Promise<void>((r) => setTimeout(r, 1100)) };

let dav: WebDav;
beforeAll(async () => {
  dav = await startWebDav();
}, 30_000);
afterAll(() => dav?.close());

const place = (): DavPlace => ({ url: dav.folderUrl, user: dav.user, password: dav.password });
const onDisk = () => path.join(dav.dir, BACKUP_FILE_NAME);

describe('the WebDAV folder (Apache mod_dav)', () => {
  beforeEach(() => fs.rmSync(onDisk(), { force: true }));

  it('is checked: the folder, the user and app password, and what is not a folder', async () => {
    await expect(davCheck(place())).resolves.toBeUndefined();
    await expect(davCheck({ ...place(), password: 'wrong' })).rejects.toMatchObject({ code: 'wrongPassword' });
    await expect(davCheck({ ...place(), url: `${dav.folderUrl}missing/` })).rejects.toMatchObject({
      code: 'folderMissing',
    });
    // Outside the WebDAV location: Apache answers PROPFIND with 405.
    await expect(davCheck({ ...place(), url: `http://localhost:${dav.port}/` })).rejects.toMatchObject({
      code: 'notDav',
    });
  });

  it('takes https, or http to this machine only, never a user or fragment in the address', () => {
    expect(davFolderUrl(' https://cloud.example.org/remote.php/dav/files/anna/Sidekey ')).toBe(
      'https://cloud.example.org/remote.php/dav/files/anna/Sidekey/',
    );
    expect(davFolderUrl('http://127.0.0.1:8080/dav/')).toBe('http://127.0.0.1:8080/dav/');
    // The permission asked is a match pattern: no port (Firefox matches none with one).
    expect(davOrigin('https://cloud.example.org:8443/dav/')).toBe('https://cloud.example.org/*');
    expect(davOrigin('http://[::1]:8080/dav/')).toBe('http://[::1]/*');
    for (const [url, code] of [
      ['http://cloud.example.org/dav/', 'insecure'],
      ['https://anna:pw@cloud.example.org/dav/', 'badUrl'],
      ['https://cloud.example.org/dav/#x', 'badUrl'],
      ['ftp://cloud.example.org/', 'badUrl'],
      ['javascript:alert(1)', 'badUrl'],
      ['not a url', 'badUrl'],
    ])
      expect(() => davFolderUrl(url!), url).toThrow(expect.objectContaining({ code }));
  });

  it('writes only over the version read: If-None-Match for a new file, If-Match after', async () => {
    expect(await davRead(place())).toEqual({ state: 'absent' });
    expect(await davWrite(place(), 'one', null)).toMatchObject({ written: true });
    // Another browser's file appeared: not overwritten.
    expect(await davWrite(place(), 'two', null)).toEqual({ written: false });
    await new Promise((r) => setTimeout(r, 1100)); // Apache's ETag is weak for a second after a write
    const read = await davRead(place());
    expect(read).toMatchObject({ state: 'found', text: 'one' });
    const etag = (read as { etag: string }).etag;
    expect(await davRead(place(), etag)).toEqual({ state: 'unchanged' });
    expect(await davWrite(place(), 'three', etag)).toMatchObject({ written: true });
    expect(await davWrite(place(), 'four', etag)).toEqual({ written: false });
    expect(fs.readFileSync(onDisk(), 'utf8')).toBe('three');
  });
});

describe('the vault synced with the WebDAV folder', () => {
  let opened = 0;
  const make = async () =>
    createCodeAccounts({
      vault: async () => vault,
      kdfParams: () => ({ ...newKdfParams(), memoryKiB: 8192, iterations: 1 }),
    });
  let vault: Awaited<ReturnType<typeof openVault>>;
  const settings = (): DavSettings => ({ ...place(), etag: null, fingerprint: null });

  beforeEach(async () => {
    fakeBrowser.reset();
    fs.rmSync(onDisk(), { force: true });
    vault = await openVault(`dav-${++opened}`);
  });

  it('writes a backup the passphrase opens, and writes it again after a change', async () => {
    const otp = await make();
    await otp.setUp(PASSPHRASE);
    await otp.add([GITHUB]);
    const first = await syncUnlocked(otp, settings(), noWait);
    expect((await decryptBackup(fs.readFileSync(onDisk(), 'utf8'), PASSPHRASE)).map((a) => a.issuer)).toEqual([
      'GitHub',
    ]);
    await otp.add([MAIL]);
    const second = await syncUnlocked(otp, first, noWait);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect((await decryptBackup(fs.readFileSync(onDisk(), 'utf8'), PASSPHRASE)).map((a) => a.issuer).sort()).toEqual([
      'GitHub',
      'Mail',
    ]);
    // Nothing changed on either side: nothing written.
    const before = fs.statSync(onDisk()).mtimeMs;
    await new Promise((r) => setTimeout(r, 1100));
    await syncUnlocked(otp, second, noWait);
    expect(fs.statSync(onDisk()).mtimeMs).toBe(before);
  });

  it('takes in what another browser added and deleted, and keeps its own changes', async () => {
    const otp = await make();
    await otp.setUp(PASSPHRASE);
    await otp.add([GITHUB, BANK]);
    const synced = await syncUnlocked(otp, settings(), noWait);
    // The other browser (same file key) deletes GitHub and adds Mail; this one renames the bank meanwhile.
    const file = readSyncedFile(fs.readFileSync(onDisk(), 'utf8'));
    const key = await otp.vaultKey();
    const theirs = await openSyncedFile(file, key);
    const github = theirs.accounts.find((a) => a.issuer === 'GitHub')!;
    const later = Date.now() + 1000;
    const written = await writeSyncedBackup(
      {
        accounts: [
          ...theirs.accounts
            .filter((a) => a !== github)
            .map((a) => ({ ...a, secret: Buffer.from(a.secret, 'base64url') })),
          { ...MAIL, pinned: false, addedAt: later, group: '', id: 'mail-from-there', modifiedAt: later },
        ],
        deleted: [{ id: github.id, deletedAt: later }],
      },
      file.header,
      key,
    );
    fs.writeFileSync(onDisk(), written);
    const bank = (await otp.accounts()).find((a) => a.issuer === 'Bank')!;
    await otp.update(bank.id, { issuer: 'My bank' });
    await syncUnlocked(otp, synced, noWait);
    expect((await otp.accounts()).map((a) => a.issuer).sort()).toEqual(['Mail', 'My bank']);
    const merged = await decryptBackup(fs.readFileSync(onDisk(), 'utf8'), PASSPHRASE);
    expect(merged.map((a) => a.issuer).sort()).toEqual(['Mail', 'My bank']);
  });

  it('catches up after the server was down; while locked, only over the version it was made against', async () => {
    const otp = await make();
    await otp.setUp(PASSPHRASE);
    await otp.add([GITHUB]);
    const synced = await syncUnlocked(otp, settings(), noWait);
    await dav.stop();
    try {
      await otp.add([MAIL]);
      await expect(syncUnlocked(otp, synced, noWait)).rejects.toMatchObject({ code: 'unreachable' });
      const pending = await pendingFor(otp, synced);
      await otp.lock();
      await expect(deliverLocked(synced, pending)).rejects.toMatchObject({ code: 'unreachable' });
      await dav.start();
      await new Promise((r) => setTimeout(r, 1100));
      await deliverLocked(synced, pending);
      expect((await decryptBackup(fs.readFileSync(onDisk(), 'utf8'), PASSPHRASE)).map((a) => a.issuer).sort()).toEqual([
        'GitHub',
        'Mail',
      ]);
      // Another browser wrote since: a locked vault does not overwrite it, it waits to merge.
      fs.writeFileSync(onDisk(), fs.readFileSync(onDisk(), 'utf8').replace('"data":"', '"data":"A'));
      await new Promise((r) => setTimeout(r, 1100));
      await expect(deliverLocked(synced, pending)).rejects.toMatchObject({ code: 'unlockToMerge' });
    } finally {
      await dav.start().catch(() => undefined);
    }
  }, 30_000);

  it('says a file under another key cannot be read, and leaves it as it is', async () => {
    const otp = await make();
    await otp.setUp(PASSPHRASE);
    fs.writeFileSync(onDisk(), '{"format":"sidekey-otp-backup","version":2}');
    await expect(syncUnlocked(otp, settings(), noWait)).rejects.toMatchObject({ code: 'remoteUnreadable' });
    expect(fs.readFileSync(onDisk(), 'utf8')).toBe('{"format":"sidekey-otp-backup","version":2}');
  });
});

describe('hostile WebDAV servers', () => {
  let server: http.Server;
  let other: http.Server;
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => undefined;
  const seenElsewhere: (string | undefined)[] = [];
  let port = 0;
  let otherPort = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => handler(req, res));
    other = http.createServer((req, res) => {
      seenElsewhere.push(req.headers.authorization);
      res.end('<multistatus xmlns="DAV:"><collection/></multistatus>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    otherPort = (other.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
    other.close();
  });
  const hostile = (): DavPlace => ({
    url: `http://127.0.0.1:${port}/dav/`,
    user: 'u',
    password: 'secret-app-pw',
    timeoutMs: 500,
  });

  it('refuses a body past the limit, declared or not, without reading it all', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x'.repeat(1024));
    };
    await expect(davRead(hostile())).rejects.toMatchObject({ code: 'tooLarge' });
    handler = (_req, res) => {
      res.writeHead(200);
      const chunk = 'x'.repeat(64 * 1024);
      const push = () => {
        if (res.destroyed) return;
        if (res.write(chunk)) setImmediate(push);
        else res.once('drain', push);
      };
      push();
    };
    await expect(davRead({ ...hostile(), timeoutMs: 5000 })).rejects.toMatchObject({ code: 'tooLarge' });
  });

  it('follows no redirect: the app password never reaches the host it names', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${otherPort}/steal/` });
      res.end();
    };
    await expect(davCheck(hostile())).rejects.toMatchObject({ code: 'redirected' });
    await expect(davRead(hostile())).rejects.toMatchObject({ code: 'redirected' });
    await expect(davWrite(hostile(), 'x', null)).rejects.toMatchObject({ code: 'redirected' });
    expect(seenElsewhere).toEqual([]);
  });

  it('gives up on a server that answers slowly, or trickles its body', async () => {
    handler = () => undefined; // never answers
    await expect(davRead(hostile())).rejects.toMatchObject({ code: 'timeout' });
    handler = (_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 100);
    };
    await expect(davRead(hostile())).rejects.toMatchObject({ code: 'timeout' });
  });

  it('says what the server said: not WebDAV, full, failing', async () => {
    handler = (_req, res) => res.end('<html>welcome</html>');
    await expect(davCheck(hostile())).rejects.toMatchObject({ code: 'notDav' });
    handler = (_req, res) => {
      res.writeHead(207);
      res.end('<multistatus xmlns="DAV:"><response><href>/dav/</href></response></multistatus>');
    };
    await expect(davCheck(hostile())).rejects.toMatchObject({ code: 'notDav' });
    handler = (_req, res) => {
      res.writeHead(507);
      res.end();
    };
    await expect(davWrite(hostile(), 'x', null)).rejects.toMatchObject({ code: 'full' });
    handler = (_req, res) => {
      res.writeHead(500);
      res.end('stack trace with secrets');
    };
    await expect(davRead(hostile())).rejects.toMatchObject({ code: 'serverError', message: 'serverError (HTTP 500)' });
  });
});
