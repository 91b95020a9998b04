/**
 * The one-time-code vault in the background (WXT's fakeBrowser, fake-indexeddb,
 * real WebCrypto and Argon2id): set up, lock and unlock, what is on disk, a
 * restarted worker, auto-lock, duplicates, and a tampered record.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { otpCode, parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';
import { newKdfParams } from '../../../src/core/otp/passphrase-key';
import { PassphraseError } from '../../../src/core/otp/otp-error';
import { createCodeAccounts, OTP_LOCK_ALARM, CodesLocked } from '../../../src/extension/otp/code-accounts';
import { lockWhenIdle } from '../../../src/extension/otp/background/start-codes';
import { openDB } from 'idb';
import { openVault, VAULT_VERSION, type Vault } from '../../../src/extension/vault/vault';

const PASSPHRASE = 'a long walk by the sea';
const GITHUB = {
  ...parseOtpauthUri('otpauth://totp/GitHub:anna?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'),
  site: 'github.com',
};
const BANK = {
  ...parseOtpauthUri('otpauth://hotp/Bank:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=3'),
  site: 'bank.example',
};
let opened = 0;

describe('the one-time-code vault', () => {
  let vault: Vault;
  const make = () =>
    createCodeAccounts({
      vault: async () => vault,
      kdfParams: () => ({ ...newKdfParams(), memoryKiB: 8192, iterations: 1 }),
    });

  beforeEach(async () => {
    fakeBrowser.reset();
    vault = await openVault(`otp-${++opened}`);
  });

  it('is set up once with a passphrase of 10 characters or more, and is then unlocked', async () => {
    const otp = make();
    expect(await otp.state()).toBe('none');
    await expect(otp.setUp('short one')).rejects.toThrow(
      expect.objectContaining({ code: 'passphraseTooShort', values: { min: 10 } }),
    );
    await otp.setUp(PASSPHRASE);
    expect(await otp.state()).toBe('unlocked');
    await expect(otp.setUp(PASSPHRASE)).rejects.toThrow(expect.objectContaining({ code: 'passphraseExists' }));
  });

  it('keeps nothing readable on disk: no secret, issuer, account name or site, and the key only wrapped', async () => {
    const otp = make();
    await otp.setUp(PASSPHRASE);
    await otp.add([GITHUB]);
    const onDisk = JSON.stringify({ key: await vault.otp.key(), records: await vault.otp.records() });
    for (const text of ['JBSWY3DPEHPK3PXP', 'GitHub', 'anna', 'github.com']) expect(onDisk).not.toContain(text);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toMatch(/otpVaultKey/);
  });

  it('locks and unlocks; a wrong passphrase opens nothing', async () => {
    const otp = make();
    await otp.setUp(PASSPHRASE);
    await otp.add([GITHUB]);
    await otp.lock();
    expect(await otp.state()).toBe('locked');
    await expect(otp.accounts()).rejects.toThrow(CodesLocked);
    await expect(otp.unlock('a long walk by the see')).rejects.toThrow(PassphraseError);
    await otp.unlock(PASSPHRASE);
    const [account] = await otp.accounts();
    expect(otpCode(account!, { timestamp: 0 })).toBe(otpCode(GITHUB, { timestamp: 0 }));
  });

  it('stays unlocked for a restarted worker (storage.session), and locks when the idle alarm rings', async () => {
    await make().setUp(PASSPHRASE);
    const restarted = make();
    expect(await restarted.state()).toBe('unlocked');
    expect(await restarted.accounts()).toEqual([]);
    expect(await fakeBrowser.alarms.get(OTP_LOCK_ALARM)).toBeDefined();
    lockWhenIdle(restarted);
    await fakeBrowser.alarms.onAlarm.trigger({ name: OTP_LOCK_ALARM, scheduledTime: Date.now() });
    await expect.poll(() => restarted.state()).toBe('locked');
    expect(await make().state()).toBe('locked');
  });

  it('adds all or none, shows duplicates instead of adding them again, and updates and removes', async () => {
    const otp = make();
    await otp.setUp(PASSPHRASE);
    expect((await otp.add([GITHUB, BANK])).added).toHaveLength(2);
    const again = await otp.add([GITHUB, { ...GITHUB, label: 'anna (work)' }]);
    expect(again.duplicates).toEqual([GITHUB]);
    expect(again.added.map((a) => a.label)).toEqual(['anna (work)']);
    const bank = (await otp.accounts()).find((a) => a.issuer === 'Bank')!;
    expect((await otp.update(bank.id, { pinned: true })).after.pinned).toBe(true);
    // An HOTP counter moves by one, and only through takeCounter.
    expect((await otp.takeCounter(bank.id)).counter).toBe(bank.counter);
    expect((await otp.accounts()).find((a) => a.id === bank.id)).toMatchObject({
      counter: bank.counter + 1,
      pinned: true,
    });
    await otp.remove(bank.id);
    expect((await otp.accounts()).map((a) => a.issuer)).toEqual(['GitHub', 'GitHub']);
  });

  it('refuses a record moved to another id or changed on disk', async () => {
    const otp = make();
    await otp.setUp(PASSPHRASE);
    await otp.add([GITHUB, BANK]);
    const [a, b] = await vault.otp.records();
    await vault.otp.put({ ...a!, sealed: b!.sealed });
    await expect(otp.accounts()).rejects.toThrow(expect.objectContaining({ code: 'wrongPassphrase' }));
  });

  it('upgrades a version 1 vault in place: its accounts stay, the one-time codes get their stores', async () => {
    const name = `otp-upgrade-${++opened}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('accounts', { keyPath: 'id' }).createIndex('byOrigin', 'serverOrigin');
      },
    });
    await v1.put('accounts', { id: 'D'.repeat(22), serverOrigin: 'https://login.example' });
    v1.close();
    const upgraded = await openVault(name);
    expect(VAULT_VERSION).toBe(2);
    expect(await upgraded.get('D'.repeat(22))).toMatchObject({ serverOrigin: 'https://login.example' });
    expect(await upgraded.otp.records()).toEqual([]);
    expect(await upgraded.otp.key()).toBeUndefined();
  });
});
