/**
 * The extension's enrolment service (the background's code, unchanged) against
 * the real server over HTTP, with its vault in fake-indexeddb (a complete
 * IndexedDB in JS; the real browsers' IndexedDB is covered end to end).
 * Covers what the browsers cannot easily stage: the server unreachable, and a
 * confirmation that fails after the secret arrived.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnrolmentService } from '../../src/extension/background/enrolment-service';
import { openVault, type Vault } from '../../src/extension/vault/vault';
import { qrFromPage } from '../fixtures/device';
import { freePort } from '../fixtures/server';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { sqliteBackend } from '../fixtures/stores';
import { signIn, startTestApp, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';

const sink = smtpSinkForThisFile();

describe('extension enrolment service against the server', () => {
  let t: TestApp;
  let vault: Vault;
  let origin: string;
  let n = 0;

  beforeEach(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    t = await startTestApp(sqliteBackend, sink, { PUBLIC_URL: origin });
    await t.app.listen({ host: '127.0.0.1', port });
    vault = await openVault(`vault-test-${++n}`);
  });
  afterEach(async () => {
    vault.close();
    await t.close();
  });

  async function qrPayload() {
    const user = await seedUser(t.store, 'Quiet harbour 9');
    const client = t.client();
    await signIn(client, user.email, 'Quiet harbour 9');
    await client.get('/cas/mobile');
    return {
      user,
      payload: qrFromPage(
        (await client.post('/cas/mobile', { deviceName: 'Test', pin: '1234', pinConfirm: '1234' })).body,
      ),
    };
  }

  const service = (readTabQr: () => Promise<{ origin: string; payload: string | null }>) =>
    createEnrolmentService({ vault: async () => vault, readTabQr, browserName: 'Node on Linux' });

  it('enrols: the vault holds the account with a non-extractable key, the server an active device', async () => {
    const { user, payload } = await qrPayload();
    const { account } = await service(async () => ({ origin, payload })).enrol(
      { tabId: 1, payload, pin: '1234' },
      { context: 'extension' },
    );
    expect(account).toMatchObject({ serverOrigin: origin, uid: user.uid, email: user.email, deviceName: 'Test' });
    const [stored] = await vault.all();
    expect(stored!.signingKey.extractable).toBe(false);
    expect((await t.store.devices.listFor(user.uid))[0]).toMatchObject({
      id: account.id,
      status: 'active',
      browser: 'Node on Linux',
    });
  });

  it('says plainly when the server cannot be reached, and stores nothing', async () => {
    const { payload } = await qrPayload();
    await t.app.close(); // the server goes away between reading the code and the PIN
    await expect(
      service(async () => ({ origin, payload })).enrol({ tabId: 1, payload, pin: '1234' }, { context: 'extension' }),
    ).rejects.toThrow(`The server ${origin} cannot be reached. Check your connection and try again.`);
    expect(await vault.all()).toEqual([]);
  });

  it('removes its record again when the confirmation fails, so neither side keeps a half-enrolled device', async () => {
    // The enrolment (5 minutes) is made a minute ago and expires between the secret's
    // arrival and the confirmation, whose signature stays within the ±5 minutes allowed.
    t.clock.now = Date.now() - 60_000;
    const { user, payload } = await qrPayload();
    const enrol = service(async () => ({ origin, payload }));
    const originalFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      if (String(input).endsWith('/confirm')) t.clock.now = Date.now() + 4.5 * 60_000;
      return originalFetch(input, init);
    };
    try {
      await expect(enrol.enrol({ tabId: 1, payload, pin: '1234' }, { context: 'extension' })).rejects.toThrow(
        'This code has expired.',
      );
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(await vault.all()).toEqual([]);
    // The server had handed out the secret (a pending device), which never becomes a device.
    expect(await t.store.sql.all('SELECT status FROM devices')).toEqual([{ status: 'pending' }]);
    expect(await t.store.devices.listFor(user.uid)).toEqual([]);
  });

  it('refuses when the page now shows another code than the one read', async () => {
    const { payload } = await qrPayload();
    const other = payload.replace(/token=[^&]+/, `token=${'Z'.repeat(43)}`);
    await expect(
      service(async () => ({ origin, payload: other })).enrol(
        { tabId: 1, payload, pin: '1234' },
        { context: 'extension' },
      ),
    ).rejects.toThrow('The code on the page has changed. Read it again.');
  });
});
