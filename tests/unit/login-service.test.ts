/** The background's handling of a login QR reported by a content script: origin binding and account match. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatLoginQr } from '../../src/core/login-qr';
import { createLoginService } from '../../src/extension/background/login-service';
import { wrapSecret } from '../../src/extension/vault/pin-wrap';
import { openVault, type Vault } from '../../src/extension/vault/vault';

const ORIGIN = 'https://login.example.eu';
const qr = (over: Partial<{ origin: string; uid: string }> = {}) =>
  formatLoginQr({ origin: ORIGIN, uid: 'n00abc12', tx: 'T'.repeat(22), challenge: 'ab'.repeat(32), ...over });

describe('login QR seen by a content script', () => {
  let vault: Vault;
  let n = 0;
  beforeEach(async () => {
    fakeBrowser.reset();
    vault = await openVault(`login-service-${++n}`);
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
    ])) as CryptoKeyPair;
    await vault.put({
      id: 'D'.repeat(22),
      serverOrigin: ORIGIN,
      uid: 'n00abc12',
      email: 'a@example.eu',
      deviceName: 'x',
      createdAt: 1,
      signingKey: keys.privateKey,
      ocraSuite: 'OCRA-1:HOTP-SHA256-8:QH64',
      wrappedSecret: await wrapSecret(new Uint8Array(32), '1234', 1000),
    });
  });
  const service = () => createLoginService(async () => vault);

  it.each([
    ['on another origin (a phishing copy)', qr(), 'https://login.example.eu.evil.example/cas/login'],
    ['for an account this browser does not hold', qr({ uid: 'n00other1' }), `${ORIGIN}/cas/login`],
    [
      'for a server this browser is not enrolled with',
      qr({ origin: 'https://other.example' }),
      'https://other.example/cas/login',
    ],
    ['that is tampered', qr().replace(/c=[0-9a-f]+/, 'c=zz'), `${ORIGIN}/cas/login`],
    ['from no tab at all', qr(), undefined],
  ])('ignores a code %s, and keeps no sign-in waiting', async (_name, payload, tabUrl) => {
    const s = service();
    expect(await s.loginQrSeen({ payload }, { tabUrl, tabId: tabUrl ? 7 : undefined })).toEqual({ accepted: false });
    expect(await s.getPendingLogin({}, {})).toEqual({ pending: null, lastResult: null });
  });

  it('refuses to answer when no sign-in is waiting', async () => {
    await expect(service().answerLogin({ pin: '1234', prf: null }, {})).rejects.toThrow(
      'There is no sign-in waiting for a code.',
    );
  });
});
