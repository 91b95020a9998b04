import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  MAX_MESSAGE_BYTES,
  mayBeSentFrom,
  MessageError,
  parseRequest,
  protocol,
  type MessageType,
} from '../../../src/core/messages';
import { createStatusService } from '../../../src/extension/background/status-service';
import { createMessageRouter, type ContextHandlers, type MessageSender } from '../../../src/extension/messaging';

const PAGE = 'http://localhost:8080/login';

describe('parseRequest', () => {
  it('accepts a well-formed ping', () => {
    expect(parseRequest({ sidekey: 1, type: 'ping', body: { origin: 'http://localhost:8080', path: '/' } })).toEqual({
      type: 'ping',
      body: { origin: 'http://localhost:8080', path: '/' },
    });
  });

  it.each([
    ['a string', 'ping', 'Not a Sidekey message'],
    ['null', null, 'Not a Sidekey message'],
    ['no envelope marker', { type: 'ping', body: {} }, 'Not a Sidekey message'],
    ['a future envelope', { sidekey: 2, type: 'ping', body: {} }, 'Not a Sidekey message'],
    ['extra envelope keys', { sidekey: 1, type: 'getStatus', body: {}, admin: true }, 'Not a Sidekey message'],
    ['an unknown type', { sidekey: 1, type: 'exportKeys', body: {} }, 'Unknown message type "exportKeys"'],
    ['a prototype key as type', { sidekey: 1, type: '__proto__', body: {} }, 'Unknown message type "__proto__"'],
    [
      'a path that is no origin',
      { sidekey: 1, type: 'ping', body: { origin: 'http://localhost:8080/x', path: '/' } },
      'Invalid "ping" request: origin',
    ],
    [
      'a missing field',
      { sidekey: 1, type: 'ping', body: { origin: 'http://localhost:8080' } },
      'Invalid "ping" request: path',
    ],
    ['an extra body field', { sidekey: 1, type: 'getStatus', body: { pin: '1234' } }, 'Invalid "getStatus" request'],
    [
      'a tab id that is text',
      { sidekey: 1, type: 'readLoginQr', body: { tabId: '7' } },
      'Invalid "readLoginQr" request',
    ],
    ['a negative tab id', { sidekey: 1, type: 'readLoginQr', body: { tabId: -1 } }, 'Invalid "readLoginQr" request'],
    [
      'a payload smuggled along',
      { sidekey: 1, type: 'readLoginQr', body: { tabId: 7, payload: 'sidekey://login?v=1' } },
      'Invalid "readLoginQr" request',
    ],
  ])('refuses %s with a clear MessageError', (_name, raw, message) => {
    expect(() => parseRequest(raw)).toThrow(message);
  });

  it('refuses an oversized message before parsing it', () => {
    const raw = { sidekey: 1, type: 'ping', body: { origin: 'http://localhost', path: 'x'.repeat(MAX_MESSAGE_BYTES) } };
    expect(() => parseRequest(raw)).toThrow(/^Message too large: \d+ bytes, at most 65536$/);
  });

  it('refuses a cyclic body as oversized instead of crashing', () => {
    const body: Record<string, unknown> = {};
    body.self = body;
    expect(() => parseRequest({ sidekey: 1, type: 'getStatus', body })).toThrow(/Message too large/);
  });

  it('never echoes the body in its error (it may hold a PIN)', () => {
    expect(() => parseRequest({ sidekey: 1, type: 'getStatus', body: { pin: '4821' } })).not.toThrow(/4821/);
  });
});

describe('message router with the status service', () => {
  beforeEach(() => fakeBrowser.reset());

  const route = (now = 1234) =>
    createMessageRouter({ ...createStatusService('9.9.9', () => now) } satisfies ContextHandlers);

  it('answers ping from a content script whose tab matches the claimed origin, and remembers the page', async () => {
    const reply = await route()(
      { sidekey: 1, type: 'ping', body: { origin: 'http://localhost:8080', path: '/login' } },
      { context: 'content', tabUrl: PAGE, tabId: 3 },
    );
    expect(reply).toEqual({ ok: true, value: { extensionVersion: '9.9.9', receivedAt: 1234 } });
    expect(await route()({ sidekey: 1, type: 'getStatus', body: {} }, { context: 'extension' })).toEqual({
      ok: true,
      value: { extensionVersion: '9.9.9', lastServerPage: { origin: 'http://localhost:8080', at: 1234, tabId: 3 } },
    });
  });

  it('refuses a ping whose claimed origin is not the sender tab’s', async () => {
    const reply = await route()(
      { sidekey: 1, type: 'ping', body: { origin: 'http://localhost:8080', path: '/' } },
      { context: 'content', tabUrl: 'https://phish.example/login' },
    );
    expect(reply).toEqual({ ok: false, error: 'The page origin does not match the tab that sent the message' });
    expect(await route()({ sidekey: 1, type: 'getStatus', body: {} }, { context: 'extension' })).toMatchObject({
      value: { lastServerPage: null },
    });
  });

  it('turns malformed input into an error reply, never a throw', async () => {
    expect(await route()(undefined, { context: 'extension' })).toEqual({ ok: false, error: 'Not a Sidekey message' });
  });

  it('hides the details of internal failures', async () => {
    const failing = createMessageRouter({
      ping: () => {
        throw new Error('secret key material 0xdeadbeef');
      },
      getStatus: () => ({ extensionVersion: '1', lastServerPage: null }),
    });
    const reply = await failing(
      { sidekey: 1, type: 'ping', body: { origin: 'http://localhost:8080', path: '/' } },
      { context: 'content', tabUrl: PAGE },
    );
    expect(reply).toEqual({ ok: false, error: 'Sidekey ran into an internal error' });
  });

  it('refuses a handler answer of the wrong shape instead of passing it on', async () => {
    const wrong = createMessageRouter({
      ping: () => ({ extensionVersion: '1', receivedAt: 1 }),
      getStatus: () => ({ extensionVersion: '1', lastServerPage: null, secret: 'x' }) as never,
    });
    expect(await wrong({ sidekey: 1, type: 'getStatus', body: {} }, { context: 'extension' })).toEqual({
      ok: false,
      error: 'Sidekey ran into an internal error',
    });
  });
});

describe('who may send each message (the contract’s `from`)', () => {
  const NOT_FROM_HERE = { ok: false, error: 'This request is not accepted from here.' };
  const SENDERS: [string, MessageSender][] = [
    ['the popup', { context: 'extension' }],
    ['a content script', { context: 'content', tabUrl: PAGE, tabId: 3 }],
  ];
  const reached: string[] = [];
  const route = createMessageRouter(
    Object.fromEntries(
      Object.keys(protocol).map((type) => [
        type,
        () => {
          reached.push(type);
          throw new MessageError('reached');
        },
      ]),
    ) as ContextHandlers,
  );

  it.each(Object.keys(protocol) as MessageType[])('%s is routed only from where the contract says', async (type) => {
    for (const [name, sender] of SENDERS) {
      reached.length = 0;
      const reply = await route({ sidekey: 1, type, body: {} }, sender);
      if (mayBeSentFrom(type, sender.context)) expect(reply, name).not.toEqual(NOT_FROM_HERE);
      else {
        // Refused before the body is read or any handler runs.
        expect(reply, name).toEqual(NOT_FROM_HERE);
        expect(reached).toEqual([]);
      }
    }
  });

  it('names a sender for every message, and keeps the popup’s messages from pages', () => {
    const from = Object.values(protocol).map((entry) => entry.from);
    expect(new Set(from)).toEqual(new Set(['popup', 'content', 'background']));
    for (const type of [
      'answerLogin',
      'answerPush',
      'removeAccount',
      'enrol',
      'otpExportAccounts',
      'otpUnlock',
    ] as const) {
      expect(protocol[type].from).toBe('popup');
      expect(mayBeSentFrom(type, 'content')).toBe(false);
    }
    // What the background asks a content script is not taken from a page either.
    for (const type of ['readQr', 'fillCode', 'otpFill'] as const) expect(mayBeSentFrom(type, 'content')).toBe(false);
  });
});
