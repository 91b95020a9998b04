/** The background's handling of a login QR reported by a content script: origin binding and account match. */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatLoginQr } from '../../../src/core/login-qr';
import { createLoginService, registerLoginTabWatch } from '../../../src/extension/background/login-service';
import type { Vault } from '../../../src/extension/vault/vault';
import { vaultWithAccount } from '../../fixtures/vault';

const ORIGIN = 'https://login.example.eu';
const qr = (over: Partial<{ origin: string; uid: string }> = {}) =>
  formatLoginQr({ origin: ORIGIN, uid: 'n00abc12', tx: 'T'.repeat(22), challenge: 'ab'.repeat(32), ...over });

describe('login QR seen by a content script', () => {
  let vault: Vault;
  beforeEach(async () => {
    fakeBrowser.reset();
    vault = await vaultWithAccount(ORIGIN, 'login-service');
  });
  const service = (seen: { origin: string; payload: string | null } | Error = { origin: ORIGIN, payload: null }) =>
    createLoginService(
      async () => vault,
      async () => {
        if (seen instanceof Error) throw seen;
        return seen;
      },
    );

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
    expect(await s.loginQrSeen({ payload }, { context: 'content', tabUrl, tabId: tabUrl ? 7 : undefined })).toEqual({
      accepted: false,
    });
    expect(await s.getPendingLogin({}, { context: 'extension' })).toEqual({ pending: null, lastResult: null });
  });

  const tabAt = async (url: string) => (await fakeBrowser.tabs.create({ url })).id!;

  it('takes the code the popup asks it to read from the tab, when it names the tab’s origin and a held account', async () => {
    const s = service({ origin: ORIGIN, payload: qr() });
    expect(await s.readLoginQr({ tabId: await tabAt(`${ORIGIN}/cas/login`) }, { context: 'extension' })).toEqual({
      accepted: true,
    });
    const { pending } = await s.getPendingLogin({}, { context: 'extension' });
    expect(pending).toMatchObject({ origin: ORIGIN, uid: 'n00abc12' });
  });

  it.each([
    ['a copy on another origin', { origin: 'https://login.example.eu.evil.example', payload: qr() }],
    ['an enrolment code', { origin: ORIGIN, payload: `sidekey://enrol?v=1&origin=${encodeURIComponent(ORIGIN)}` }],
    ['no code at all', { origin: ORIGIN, payload: null }],
    ['a tab that cannot be read', new Error('No tab with id: 7')],
  ])('reads nothing into a waiting sign-in from %s', async (_name, seen) => {
    const s = service(seen);
    expect(await s.readLoginQr({ tabId: await tabAt(`${ORIGIN}/cas/login`) }, { context: 'extension' })).toEqual({
      accepted: false,
    });
    expect((await s.getPendingLogin({}, { context: 'extension' })).pending).toBeNull();
  });

  it.each([
    ['of a site it holds no account with', 'https://news.example/'],
    ['it cannot see the address of', undefined],
  ])('does not even look at a tab %s (no injection, no capture)', async (_name, url) => {
    let looked = false;
    const s = createLoginService(
      async () => vault,
      async () => {
        looked = true;
        return { origin: ORIGIN, payload: qr() };
      },
    );
    const tabId = url ? await tabAt(url) : 4242;
    expect(await s.readLoginQr({ tabId }, { context: 'extension' })).toEqual({ accepted: false });
    expect(looked).toBe(false);
  });

  it('refuses to answer when no sign-in is waiting', async () => {
    await expect(service().answerLogin({ pin: '1234', prf: null }, { context: 'extension' })).rejects.toThrow(
      'There is no sign-in waiting for a code.',
    );
  });

  describe('a sign-in whose page is gone', () => {
    async function waiting() {
      const s = service({ origin: ORIGIN, payload: qr() });
      const tabId = await tabAt(`${ORIGIN}/cas/login`);
      expect(await s.readLoginQr({ tabId }, { context: 'extension' })).toEqual({ accepted: true });
      return { s, tabId };
    }

    it('makes no code for a tab that moved to another origin, and ends the sign-in', async () => {
      const { s, tabId } = await waiting();
      await fakeBrowser.tabs.update(tabId, { url: 'https://login.example.eu.evil.example/cas/login' });
      await expect(s.answerLogin({ pin: '1234', prf: null }, { context: 'extension' })).rejects.toThrow(
        'The sign-in page is no longer open in its tab, so no code was made.',
      );
      expect((await s.getPendingLogin({}, { context: 'extension' })).pending).toBeNull();
    });

    it('shows no prompt for a tab that moved elsewhere', async () => {
      const { s, tabId } = await waiting();
      await fakeBrowser.tabs.update(tabId, { url: 'https://news.example/' });
      expect((await s.getPendingLogin({}, { context: 'extension' })).pending).toBeNull();
    });

    it('ends when the prompt is cancelled', async () => {
      const { s } = await waiting();
      expect(await s.cancelLogin({}, { context: 'extension' })).toEqual({});
      expect((await s.getPendingLogin({}, { context: 'extension' })).pending).toBeNull();
    });

    it('ends when its tab closes or starts loading another page, not when another tab does', async () => {
      registerLoginTabWatch();
      const { s, tabId } = await waiting();
      const other = await tabAt(`${ORIGIN}/cas/account`);
      await fakeBrowser.tabs.onUpdated.trigger(other, { status: 'loading' }, { id: other } as never);
      await fakeBrowser.tabs.onRemoved.trigger(other, { windowId: 1, isWindowClosing: false });
      expect((await s.getPendingLogin({}, { context: 'extension' })).pending).not.toBeNull();
      await fakeBrowser.tabs.onUpdated.trigger(tabId, { status: 'loading' }, { id: tabId } as never);
      await expect.poll(async () => (await s.getPendingLogin({}, { context: 'extension' })).pending).toBeNull();
      const again = await waiting();
      await fakeBrowser.tabs.onRemoved.trigger(again.tabId, { windowId: 1, isWindowClosing: false });
      await expect.poll(async () => (await again.s.getPendingLogin({}, { context: 'extension' })).pending).toBeNull();
    });
  });

  describe('the server’s verdict read from a page', () => {
    it.each([
      ['a page of another origin', 'https://evil.example/cas/login/qr', 7],
      ['a page of the enrolled server where no code was filled', `${ORIGIN}/cas/login/qr`, 7],
      ['no tab at all', undefined, undefined],
    ])('is not taken from %s', async (_name, tabUrl, tabId) => {
      const s = service();
      expect(await s.loginResult({ code: 'locked', attemptsLeft: 0 }, { context: 'content', tabUrl, tabId })).toEqual(
        {},
      );
      expect((await s.getPendingLogin({}, { context: 'extension' })).lastResult).toBeNull();
    });
  });
});
