/**
 * The popup's first question (background/popup-start.ts): the waiting sign-in, and the codes only
 * when none waits; through the router, hostile bodies refused before any handler runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseRequest, type ResponseOf } from '../../../src/core/messages';
import { createPopupStart } from '../../../src/extension/background/popup-start';
import { createMessageRouter, type MessageSender } from '../../../src/extension/messaging';

const POPUP: MessageSender = { context: 'extension' };
const CONTENT: MessageSender = { context: 'content', tabUrl: 'https://evil.example/', tabId: 3 };
const NONE: ResponseOf<'getPendingLogin'> = { pending: null, lastResult: null };
const WAITING: ResponseOf<'getPendingLogin'> = {
  pending: { origin: 'https://login.example.eu', email: 'anna@example.eu', uid: 'n00anna', biometric: null },
  lastResult: null,
};
const LIST: ResponseOf<'otpList'> = {
  state: 'locked',
  idleMinutes: 15,
  biometric: null,
  accounts: [],
  site: 'example.org',
  at: 1_800_000_000_000,
};

function handlers(login: ResponseOf<'getPendingLogin'>, activeTab = async () => 42 as number | null) {
  const otpList = vi.fn(async () => LIST);
  const getPendingLogin = vi.fn(async () => login);
  return { otpList, getPendingLogin, start: createPopupStart({ getPendingLogin, otpList }, activeTab).popupStart };
}

describe('popupStart', () => {
  it('answers a waiting sign-in alone: the codes are not worked out ahead of the PIN prompt', async () => {
    const h = handlers(WAITING);
    expect(await h.start({ tabId: 7 }, POPUP)).toEqual({ login: WAITING, codes: null });
    expect(h.otpList).not.toHaveBeenCalled();
  });

  it('brings the codes of the tab the popup names, with the tab', async () => {
    const h = handlers(NONE);
    expect(await h.start({ tabId: 7 }, POPUP)).toEqual({ login: NONE, codes: { tabId: 7, list: LIST } });
    expect(h.otpList).toHaveBeenCalledWith({ tabId: 7 }, POPUP);
  });

  it('takes the active tab where the popup names none, and none where there is none', async () => {
    expect(await handlers(NONE).start({ tabId: null }, POPUP)).toEqual({
      login: NONE,
      codes: { tabId: 42, list: LIST },
    });
    const noTab = handlers(NONE, async () => null);
    expect(await noTab.start({ tabId: null }, POPUP)).toEqual({ login: NONE, codes: { tabId: null, list: LIST } });
    expect(noTab.otpList).toHaveBeenCalledWith({ tabId: null }, POPUP);
  });

  it.each([
    ['no body field', {}],
    ['a tab id that is text', { tabId: '7' }],
    ['a negative tab id', { tabId: -1 }],
    ['a fractional tab id', { tabId: 1.5 }],
    ['an extra field', { tabId: 7, pin: '1234' }],
  ])('refuses %s', (_name, body) => {
    expect(() => parseRequest({ sidekey: 1, type: 'popupStart', body })).toThrow('Invalid "popupStart" request');
  });

  it('is the popup’s alone: a page’s content script is refused before anything is read', async () => {
    const h = handlers(NONE);
    const route = createMessageRouter({ popupStart: h.start });
    expect(await route({ sidekey: 1, type: 'popupStart', body: { tabId: 3 } }, CONTENT)).toMatchObject({ ok: false });
    expect(h.getPendingLogin).not.toHaveBeenCalled();
    expect(await route({ sidekey: 1, type: 'popupStart', body: { tabId: 3 } }, POPUP)).toEqual({
      ok: true,
      value: { login: NONE, codes: { tabId: 3, list: LIST } },
    });
  });

  it('refuses to pass on an answer of the wrong shape (a secret field added to the list)', async () => {
    const route = createMessageRouter(
      createPopupStart({
        getPendingLogin: async () => NONE,
        otpList: async () =>
          ({ ...LIST, accounts: [{ secret: 'JBSWY3DPEHPK3PXP' }] }) as unknown as ResponseOf<'otpList'>,
      }),
    );
    expect(await route({ sidekey: 1, type: 'popupStart', body: { tabId: 3 } }, POPUP)).toMatchObject({ ok: false });
  });
});
