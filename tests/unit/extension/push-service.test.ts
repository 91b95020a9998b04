/**
 * The background's push handlers against hostile or stale input: messages of
 * the wrong shape, a waiting page on a site this browser is not enrolled
 * with, and answers to requests it does not hold. None of them reaches a server.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseRequest } from '../../../src/core/messages';
import { createPushService } from '../../../src/extension/background/push-service';
import type { Vault } from '../../../src/extension/vault/vault';
import { vaultWithAccount } from '../../fixtures/vault';

const ORIGIN = 'https://login.example.eu';

describe('push handlers', () => {
  let vault: Vault;
  const fetchSpy = vi.fn(() => Promise.reject(new Error('no network in this test')));
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.stubGlobal('fetch', fetchSpy);
    fetchSpy.mockClear();
    vault = await vaultWithAccount(ORIGIN, 'push-service');
  });
  afterEach(() => vi.unstubAllGlobals());
  // No channel is opened here: WebSocketImpl that refuses to connect.
  const service = () =>
    createPushService({
      vault: async () => vault,
      WebSocketImpl: class {
        constructor() {
          throw new Error('no sockets in this test');
        }
      } as unknown as typeof WebSocket,
    });

  it.each([
    ['an approval without the PIN', { id: 'x', decision: 'approve', number: 42, pin: null, prf: null }],
    ['an approval without the number', { id: 'x', decision: 'approve', number: null, pin: '1234', prf: null }],
    ['a refusal carrying a PIN', { id: 'x', decision: 'deny', number: null, pin: '1234', prf: null }],
    ['a PIN of 5 digits', { id: 'x', decision: 'approve', number: 42, pin: '12345', prf: null }],
    ['a number out of range', { id: 'x', decision: 'approve', number: 100, pin: '1234', prf: null }],
    ['an unknown decision', { id: 'x', decision: 'maybe', number: null, pin: null, prf: null }],
    ['an extra field', { id: 'x', decision: 'deny', number: null, pin: null, prf: null, otp: '12345678' }],
    [
      'an approval with both the PIN and the biometric unlock',
      { id: 'x', decision: 'approve', number: 42, pin: '1234', prf: 'A'.repeat(43) },
    ],
    [
      'a refusal carrying a biometric unlock',
      { id: 'x', decision: 'deny', number: null, pin: null, prf: 'A'.repeat(43) },
    ],
  ])('refuses %s before any handler runs', (_name, body) => {
    expect(() => parseRequest({ sidekey: 1, type: 'answerPush', body })).toThrow(/Invalid "answerPush" request/);
  });

  it('accepts an approval by biometric unlock instead of the PIN', () => {
    expect(() =>
      parseRequest({
        sidekey: 1,
        type: 'answerPush',
        body: { id: 'x', decision: 'approve', number: 42, pin: null, prf: 'A'.repeat(43) },
      }),
    ).not.toThrow();
  });

  it('turns biometric unlock on only right after a PIN the server accepted', async () => {
    const s = service();
    await expect(
      s.handlers.enableBiometric(
        { accountId: 'D'.repeat(22), credentialId: 'AAAA', prfSalt: 'A'.repeat(43), prf: 'A'.repeat(43) },
        { context: 'extension' },
      ),
    ).rejects.toThrow('right after approving a request with your PIN code');
    expect((await vault.get('D'.repeat(22)))!.biometric).toBeUndefined();
  });

  it('asks no server for a waiting page on a site this browser is not enrolled with', async () => {
    const s = service();
    expect(
      await s.handlers.pushPageSeen(
        {},
        { context: 'content', tabUrl: 'https://login.example.eu.evil.example/cas/login', tabId: 3 },
      ),
    ).toEqual({ requests: 0 });
    expect(await s.handlers.pushPageSeen({}, { context: 'extension' })).toEqual({ requests: 0 });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('refuses to answer a request it does not hold, without calling the server', async () => {
    const s = service();
    await expect(
      s.handlers.answerPush(
        { id: 'R'.repeat(22), decision: 'approve', number: 42, pin: '1234', prf: null },
        { context: 'extension' },
      ),
    ).rejects.toThrow('This request is no longer waiting.');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('reports an unreachable server as a problem when checking, and shows no request', async () => {
    const s = service();
    const { requests, problems } = await s.handlers.getPushRequests({ check: true }, { context: 'extension' });
    expect(requests).toEqual([]);
    expect(problems).toEqual([
      'login.example.eu: The server https://login.example.eu cannot be reached. Check your connection and try again.',
    ]);
  });
});
