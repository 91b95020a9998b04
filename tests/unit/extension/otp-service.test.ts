/**
 * The one-time-code messages in the background, through the message router as they arrive (WXT's
 * fakeBrowser, fake-indexeddb, real WebCrypto and Argon2id): what the popup gets, what a page
 * gets — its own site's accounts, nothing of another's — and hostile senders, replays and input.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { base64url, fromBase64url } from '../../../src/core/encoding';
import { writeExport } from '../../../src/core/otp/export/write-export';
import { otpCode, parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';
import { newKdfParams } from '../../../src/core/otp/passphrase-key';
import { readImport } from '../../../src/core/otp/import/read-import';
import { codeRejected } from '../../fixtures/otp-errors';
import { createOtpService } from '../../../src/extension/otp/background/codes-service';
import { createMessageRouter, type MessageSender } from '../../../src/extension/messaging';
import { createCodeAccounts, OTP_LOCK_ALARM } from '../../../src/extension/otp/code-accounts';
import { lockWhenIdle } from '../../../src/extension/otp/background/start-codes';
import { openVault } from '../../../src/extension/vault/vault';
import type { TabQr } from '../../../src/extension/background/tab-qr';

const PASSPHRASE = 'a long walk by the sea';
const BANK_URI = 'otpauth://totp/Bank:anna?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Bank';
const SHOP_URI = 'otpauth://hotp/Shop:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Shop&counter=3';
const POPUP: MessageSender = { context: 'extension' };
const page = (url: string): MessageSender => ({ context: 'content', tabUrl: url, tabId: 7 });
let opened = 0;
/** A distinct 80-bit base32 secret for each n. */
const base32Of = (n: number) => `JBSWY3DPEHPK${n.toString(2).padStart(20, '0').replace(/0/g, 'A').replace(/1/g, 'B')}`;

describe('one-time-code messages', () => {
  let now = Date.UTC(2026, 11, 3, 12, 0, 10);
  let route: ReturnType<typeof createMessageRouter>;
  let service: ReturnType<typeof createOtpService>;
  let changes = 0;
  let otp: ReturnType<typeof createCodeAccounts>;
  let readTabQr: (tabId: number) => Promise<TabQr>;
  const send = (type: string, body: unknown, sender: MessageSender = POPUP) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies of many types, each checked field by field
    route({ sidekey: 1, type, body }, sender) as Promise<{ ok: boolean; value?: any; error?: string; code?: string }>;
  const ok = async (type: string, body: unknown, sender?: MessageSender) => {
    const reply = await send(type, body, sender);
    if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
    return reply.value;
  }; /** What the page does with a chosen file: read it (core/otp/import), then send what it could take. */
  const accountsOf = async (text: string, password: string | null = null) =>
    (await readImport(new TextEncoder().encode(text), password)).entries.flatMap((e) =>
      e.ok ? [{ ...e.account, secret: base64url(e.account.secret) }] : [],
    );
  const readFile = async (text: string, password: string | null = null) =>
    ok('otpImportRead', { accounts: await accountsOf(text, password) });

  /** A tab at `url`, as the popup would name it. */
  const tabAt = async (url: string) => (await fakeBrowser.tabs.create({ url })).id!;

  beforeEach(async () => {
    fakeBrowser.reset();
    now = Date.UTC(2026, 11, 3, 12, 0, 10);
    changes = 0;
    const vault = await openVault(`otp-service-${++opened}`);
    otp = createCodeAccounts({
      vault: async () => vault,
      now: () => now,
      kdfParams: () => ({ ...newKdfParams(), memoryKiB: 8192, iterations: 1 }),
    });
    readTabQr = async () => ({ origin: 'https://login.bank.example', payload: BANK_URI, others: [], captured: false });
    service = createOtpService({
      otp,
      readTabQr: (id) => readTabQr(id),
      afterChange: async () => void changes++,
      now: () => now,
    });
    route = createMessageRouter(service.handlers);
    lockWhenIdle(otp);
    await ok('otpSetUp', { passphrase: PASSPHRASE });
  });

  it('adds the tab’s setup QR bound to the site it was read on, and lists its codes — never the secret', async () => {
    const added = await ok('otpAddFromTab', {
      tabId: await tabAt('https://login.bank.example/2fa'),
      choice: null,
      site: null,
    });
    expect(added.added).toHaveLength(1);
    expect(added.added[0]).toMatchObject({ issuer: 'Bank', label: 'anna', site: 'bank.example' });
    expect(changes).toBe(1);
    const list = await ok('otpList', { tabId: null });
    const bank = parseOtpauthUri(BANK_URI);
    expect(list.accounts[0].code).toBe(otpCode(bank, { timestamp: now }));
    expect(list.accounts[0].next).toBe(otpCode(bank, { timestamp: now + 30_000 }));
    const json = JSON.stringify(list);
    expect(json).not.toContain('JBSWY3DP');
    expect(json).not.toContain(base64url(bank.secret));
  });

  it('turns the codes over with the clock, and shows changes at once (nothing stale from memory)', async () => {
    const { added } = await ok('otpAddText', { text: BANK_URI, tabId: null });
    const bank = parseOtpauthUri(BANK_URI);
    const first = await ok('otpList', { tabId: null });
    now += 30_000;
    const later = await ok('otpList', { tabId: null });
    expect(later.accounts[0].code).toBe(otpCode(bank, { timestamp: now }));
    expect(later.accounts[0].code).toBe(first.accounts[0].next);
    await ok('otpUpdate', { id: added[0].id, label: 'anna.b' });
    expect((await ok('otpList', { tabId: null })).accounts[0].label).toBe('anna.b');
    await ok('otpRemove', { id: added[0].id });
    expect((await ok('otpList', { tabId: null })).accounts).toEqual([]);
    await ok('otpLock', {});
    expect(await ok('otpList', { tabId: null })).toMatchObject({ state: 'locked', accounts: [] });
  });

  it('refuses a QR that is not a setup code, and a page with none', async () => {
    readTabQr = async () => ({
      origin: 'https://bank.example',
      payload: 'https://bank.example/enrol',
      others: [],
      captured: false,
    });
    expect(await send('otpAddFromTab', { tabId: 1, choice: null, site: null })).toEqual({
      ok: false,
      error: 'The QR code on this page is not a one-time-code setup code (otpauth://).',
    });
    readTabQr = async () => ({ origin: 'https://bank.example', payload: null, others: [], captured: false });
    expect((await send('otpAddFromTab', { tabId: 1, choice: null, site: null })).error).toBe(
      'No QR code was found on this page.',
    );
    expect((await ok('otpList', { tabId: null })).accounts).toEqual([]);
  });

  it('asks which one when the page shows several setup codes, and adds the one picked', async () => {
    readTabQr = async () => ({
      origin: 'https://shop.example',
      payload: 'https://shop.example/app',
      others: [SHOP_URI, BANK_URI],
      captured: false,
    });
    const asked = await ok('otpAddFromTab', { tabId: 1, choice: null, site: null });
    expect(asked).toEqual({
      added: [],
      duplicates: [],
      choices: [
        { issuer: 'Shop', label: 'anna', count: 1 },
        { issuer: 'Bank', label: 'anna', count: 1 },
      ],
      confirmSite: null,
    });
    expect((await ok('otpList', { tabId: null })).accounts).toEqual([]);
    const picked = await ok('otpAddFromTab', { tabId: 1, choice: 1, site: null });
    expect(picked.added.map((a: { issuer: string; site: string }) => [a.issuer, a.site])).toEqual([
      ['Bank', 'shop.example'],
    ]);
    // A choice the page no longer has: asked again.
    expect((await ok('otpAddFromTab', { tabId: 1, choice: 7, site: null })).choices).toHaveLength(2);
  });

  it('binds a code read from the capture only to the site the user confirms (a framed setup page is another site’s)', async () => {
    // evil.example frames bank.example's setup page: the elements of evil's page hold no code, the capture does.
    readTabQr = async () => ({ origin: 'https://evil.example', payload: BANK_URI, others: [], captured: true });
    const asked = await ok('otpAddFromTab', { tabId: 1, choice: null, site: null });
    expect(asked).toEqual({
      added: [],
      duplicates: [],
      choices: [],
      confirmSite: { suggested: 'evil.example', accounts: [{ issuer: 'Bank', label: 'anna' }] },
    });
    expect((await ok('otpList', { tabId: null })).accounts).toEqual([]);
    expect(changes).toBe(0);
    // A site that is no site is refused like the popup's edit refuses it; nothing is added.
    for (const site of ['bank example', 'https://bank.example', 'login.bank.example', 'co.uk'])
      expect((await send('otpAddFromTab', { tabId: 1, choice: null, site })).error).toBe(
        'Give a site as a domain name such as example.com.',
      );
    expect((await ok('otpList', { tabId: null })).accounts).toEqual([]);
    const added = await ok('otpAddFromTab', { tabId: 1, choice: null, site: 'bank.example' });
    expect(added.added[0]).toMatchObject({ issuer: 'Bank', site: 'bank.example' });
    // For no site: kept, offered nowhere.
    readTabQr = async () => ({ origin: 'https://evil.example', payload: SHOP_URI, others: [], captured: true });
    expect((await ok('otpAddFromTab', { tabId: 1, choice: null, site: '' })).added[0]).toMatchObject({ site: '' });
    // Read from the page's own elements, the site is the page's whatever the popup says.
    readTabQr = async () => ({
      origin: 'https://login.mail.example',
      payload: 'otpauth://totp/Mail:anna?secret=MFRGGZDFMZTWQ2LK',
      others: [],
      captured: false,
    });
    const own = await ok('otpAddFromTab', { tabId: 1, choice: null, site: 'bank.example' });
    expect(own.added[0]).toMatchObject({ site: 'mail.example' });
  });

  it('puts the tab’s site first, then pinned accounts', async () => {
    await ok('otpAddText', { text: `${SHOP_URI}\n${BANK_URI}`, tabId: await tabAt('https://shop.example/') });
    await ok('otpAddText', {
      text: 'otpauth://totp/Aardvark:x?secret=MFRGGZDFMZTWQ2LK',
      tabId: await tabAt('https://aardvark.example/'),
    });
    const names = async (tabId: number | null) =>
      (await ok('otpList', { tabId })).accounts.map((a: { issuer: string }) => a.issuer);
    expect(await names(null)).toEqual(['Aardvark', 'Bank', 'Shop']);
    expect(await names(await tabAt('https://www.aardvark.example/login'))).toEqual(['Aardvark', 'Bank', 'Shop']);
    const shop = (await ok('otpList', { tabId: null })).accounts.find((a: { issuer: string }) => a.issuer === 'Shop');
    await ok('otpUpdate', { id: shop.id, pinned: true });
    expect(await names(await tabAt('https://www.aardvark.example/login'))).toEqual(['Aardvark', 'Shop', 'Bank']);
  });

  it('makes an HOTP code only on request, each request the next counter', async () => {
    const { added } = await ok('otpAddText', { text: SHOP_URI, tabId: null });
    expect(added[0].code).toBeNull();
    const shop = parseOtpauthUri(SHOP_URI);
    expect((await ok('otpHotpCode', { id: added[0].id })).code).toBe(otpCode(shop, { counter: 3 }));
    expect((await ok('otpHotpCode', { id: added[0].id })).code).toBe(otpCode(shop, { counter: 4 }));
    expect((await send('otpHotpCode', { id: 'nope' })).error).toBe('This account is no longer in Sidekey.');
  });

  it('hands out each HOTP counter value once, however many ask at the same moment (popups, pages, a rename)', async () => {
    const { added } = await ok('otpAddText', { text: SHOP_URI, tabId: await tabAt('https://shop.example/') });
    const id = added[0].id;
    const shop = parseOtpauthUri(SHOP_URI);
    // Nine requests at once from three popups, a rename in the middle of them: nine codes, counters 3..11.
    const asked = await Promise.all([
      ...Array.from({ length: 4 }, () => ok('otpHotpCode', { id })),
      ok('otpUpdate', { id, label: 'anna.s' }),
      ...Array.from({ length: 5 }, () => ok('otpHotpCode', { id })),
    ]);
    const codes = asked.filter((a) => a.code).map((a) => a.code);
    expect(new Set(codes).size).toBe(9);
    expect(codes.sort()).toEqual(Array.from({ length: 9 }, (_, i) => otpCode(shop, { counter: 3 + i })).sort());
    // The rename is kept, and the next code is counter 12's.
    expect((await ok('otpList', { tabId: null })).accounts[0].label).toBe('anna.s');
    expect((await ok('otpHotpCode', { id })).code).toBe(otpCode(shop, { counter: 12 }));
  });

  it('never adds half a list, and shows duplicates instead of adding them again', async () => {
    const bad = await send('otpAddText', {
      text: `${BANK_URI}\notpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5`,
      tabId: null,
    });
    // The code for the popup and tests; the text in the user's language, with its line.
    expect(bad).toEqual({
      ok: false,
      code: 'algorithmUnsupported',
      error: 'Line 2: The algorithm MD5 is not supported (SHA1, SHA256 or SHA512).',
    });
    expect((await ok('otpList', { tabId: null })).accounts).toHaveLength(0);
    await ok('otpAddText', { text: BANK_URI, tabId: null });
    const again = await ok('otpAddText', { text: `${BANK_URI}\n${SHOP_URI}`, tabId: null });
    expect(again.added.map((a: { issuer: string }) => a.issuer)).toEqual(['Shop']);
    expect(again.duplicates).toEqual([{ issuer: 'Bank', label: 'anna', site: '', duplicate: true }]);
  });

  it('adds a typed key (spaces allowed) and refuses a bad one or no name', async () => {
    const added = await ok('otpAddManual', {
      issuer: ' Mail ',
      label: 'anna',
      secret: 'jbsw y3dp ehpk 3pxp',
      kind: 'totp',
      tabId: await tabAt('https://mail.example/'),
    });
    expect(added.added[0]).toMatchObject({ issuer: 'Mail', site: 'mail.example', digits: 6, period: 30 });
    expect(
      (await send('otpAddManual', { issuer: '', label: ' ', secret: 'JBSWY3DPEHPK3PXP', kind: 'totp', tabId: null }))
        .error,
    ).toBe('Give the account a name.');
    expect(
      (await send('otpAddManual', { issuer: '', label: 'x', secret: 'JBSWY3DP1', kind: 'totp', tabId: null })).code,
    ).toBe('secretNotBase32');
  });

  it('renames and moves an account only to a real site', async () => {
    const { added } = await ok('otpAddText', { text: BANK_URI, tabId: null });
    await ok('otpUpdate', { id: added[0].id, issuer: 'My bank', site: 'bank.example' });
    expect((await ok('otpList', { tabId: null })).accounts[0]).toMatchObject({
      issuer: 'My bank',
      site: 'bank.example',
    });
    for (const site of ['login.bank.example', 'co.uk', 'https://bank.example', 'bank example'])
      expect((await send('otpUpdate', { id: added[0].id, site })).error).toBe(
        'Give a site as a domain name such as example.com.',
      );
    expect((await send('otpUpdate', { id: 'gone', issuer: 'x' })).code).toBe('accountGone');
  });

  it('keeps no bidi control in a name typed or edited (drawn as it is spelled)', async () => {
    const { added } = await ok('otpAddManual', {
      issuer: '\u202ebuHtiG',
      label: 'anna\u2066',
      secret: 'JBSWY3DPEHPK3PXP',
      kind: 'totp',
      tabId: null,
    });
    expect(added[0]).toMatchObject({ issuer: 'buHtiG', label: 'anna' });
    await ok('otpUpdate', { id: added[0].id, issuer: '\u202dGit\u202cHub', label: '\u200fanna.b' });
    expect((await ok('otpList', { tabId: null })).accounts[0]).toMatchObject({ issuer: 'GitHub', label: 'anna.b' });
    expect((await send('otpUpdate', { id: added[0].id, label: '\u202e' })).error).toBe('Give the account a name.');
  });

  it('holds at most 2,000 accounts: one more by any way in is refused whole, and the list, backup and delete still work', async () => {
    const uriOf = (n: number) => `otpauth://totp/Bulk:user${n}?secret=${base32Of(n)}&issuer=Bulk`;
    const read = await readFile(Array.from({ length: 2000 }, (_, n) => uriOf(n)).join('\n'));
    expect((await ok('otpImportCommit', { importId: read.importId, withDuplicates: false })).added).toHaveLength(2000);
    const refused = 'tooManyAccounts';
    expect((await send('otpAddText', { text: uriOf(2000), tabId: null })).code).toBe(refused);
    expect(
      (await send('otpAddManual', { issuer: '', label: 'x', secret: base32Of(2001), kind: 'totp', tabId: null })).code,
    ).toBe(refused);
    expect((await send('otpAddFromTab', { tabId: 1, choice: null, site: null })).code).toBe(refused);
    const more = await readFile(uriOf(2002));
    expect((await send('otpImportCommit', { importId: more.importId, withDuplicates: false })).code).toBe(refused);
    // Duplicates asked for count too.
    const copy = await readFile(uriOf(1));
    expect((await send('otpImportCommit', { importId: copy.importId, withDuplicates: true })).code).toBe(refused);
    const list = await ok('otpList', { tabId: null });
    expect(list.accounts).toHaveLength(2000);
    const { accounts } = await ok('otpExportAccounts', { passphrase: PASSPHRASE });
    expect(accounts).toHaveLength(2000);
    await ok('otpRemove', { id: list.accounts[0].id });
    expect((await ok('otpAddText', { text: uriOf(2000), tabId: null })).added).toHaveLength(1);
  }, 60_000);

  describe('a page', () => {
    let bankId = '';
    beforeEach(async () => {
      bankId = (await ok('otpAddFromTab', { tabId: 1, choice: null, site: null })).added[0].id;
      await ok('otpAddText', { text: SHOP_URI, tabId: await tabAt('https://shop.example/') });
    });

    it('is offered its own site’s accounts only, over https', async () => {
      expect(await ok('otpOffer', {}, page('https://www.bank.example/login'))).toEqual({
        locked: false,
        accounts: [{ id: bankId, issuer: 'Bank', label: 'anna' }],
      });
      for (const url of ['https://bank.example.evil.example/', 'https://bank-example.com/', 'http://bank.example/'])
        expect(await ok('otpOffer', {}, page(url))).toEqual({ locked: false, accounts: [] });
      // The popup is no page: it gets codes through otpList, and this question is refused from it.
      expect(await send('otpOffer', {}, POPUP)).toEqual({
        ok: false,
        error: 'This request is not accepted from here.',
      });
    });

    it('gets its own account’s code, and for another site’s id the same refusal as for no id', async () => {
      const code = await ok('otpCodeForPage', { id: bankId }, page('https://bank.example/2fa'));
      expect(code.code).toBe(otpCode(parseOtpauthUri(BANK_URI), { timestamp: now }));
      const other = await send('otpCodeForPage', { id: bankId }, page('https://shop.example/'));
      const none = await send('otpCodeForPage', { id: 'x'.repeat(22) }, page('https://shop.example/'));
      expect(other).toEqual({ ok: false, error: 'Sidekey gives no code to this page.' });
      expect(none).toEqual(other);
    });

    it('does not keep the vault open by asking: only a code the user chose pushes the auto-lock back', async () => {
      await fakeBrowser.alarms.clearAll();
      await ok('otpOffer', {}, page('https://bank.example/login'));
      expect(await fakeBrowser.alarms.get(OTP_LOCK_ALARM)).toBeUndefined();
      await ok('otpCodeForPage', { id: bankId }, page('https://bank.example/2fa'));
      expect(await fakeBrowser.alarms.get(OTP_LOCK_ALARM)).toBeDefined();
    });

    it('hears only “locked” while the vault is locked, and gets no code', async () => {
      await ok('otpLock', {});
      expect(await ok('otpOffer', {}, page('https://bank.example/'))).toEqual({ locked: true, accounts: [] });
      expect((await send('otpCodeForPage', { id: bankId }, page('https://bank.example/'))).ok).toBe(false);
    });

    it('cannot ask any of the popup’s messages', async () => {
      const sender = page('https://bank.example/');
      for (const [type, body] of [
        ['otpList', { tabId: null }],
        ['otpHotpCode', { id: bankId }],
        ['otpAddText', { text: BANK_URI, tabId: null }],
        ['otpUpdate', { id: bankId, site: 'evil.example' }],
        ['otpRemove', { id: bankId }],
        ['otpExportAccounts', { passphrase: PASSPHRASE }],
        ['otpImportRead', { accounts: [] }],
        ['otpLock', {}],
        ['otpSetIdle', { minutes: 60 }],
        ['otpUnlock', { passphrase: PASSPHRASE }],
      ] as const)
        expect(await send(type, body, sender)).toEqual({
          ok: false,
          error: 'This request is not accepted from here.',
        });
      const list = await ok('otpList', { tabId: null });
      expect(list.accounts.find((a: { id: string }) => a.id === bankId).site).toBe('bank.example');
    });

    it('gets the shortcut’s code typed into its focused field; a locked vault opens the popup instead', async () => {
      const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: { filled: true } });
      await service.fillTab({ id: 3, url: 'https://bank.example/2fa' });
      expect(sent).toHaveBeenCalledWith(
        3,
        { sidekey: 1, type: 'otpFill', body: { code: otpCode(parseOtpauthUri(BANK_URI), { timestamp: now }) } },
        { frameId: 0 },
      );
      sent.mockClear();
      await service.fillTab({ id: 3, url: 'https://bank-example.com/2fa' });
      expect(sent).not.toHaveBeenCalled();
      const openPopup = vi.fn(async () => undefined);
      (fakeBrowser.action as unknown as { openPopup: typeof openPopup }).openPopup = openPopup;
      await ok('otpLock', {});
      await service.fillTab({ id: 3, url: 'https://bank.example/2fa' });
      expect(sent).not.toHaveBeenCalled();
      expect(openPopup).toHaveBeenCalledOnce();
    });
  });

  it('keeps an account in a group, and takes the group’s name as it takes a name', async () => {
    const { added } = await ok('otpAddText', { text: BANK_URI, tabId: null });
    expect(added[0].group).toBe('');
    await ok('otpUpdate', { id: added[0].id, group: ' \u202eWork ' });
    expect((await ok('otpList', { tabId: null })).accounts[0].group).toBe('Work');
    expect((await send('otpUpdate', { id: added[0].id, group: 'Bad\u0007' })).code).toBe('issuerTooLong');
    expect((await send('otpUpdate', { id: added[0].id, group: 'x'.repeat(201) })).ok).toBe(false);
    await ok('otpUpdate', { id: added[0].id, group: '' });
    expect((await ok('otpList', { tabId: null })).accounts[0].group).toBe('');
  });

  describe('fingerprint unlock (a second wrap of the vault key by a WebAuthn PRF output)', () => {
    const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
    const state = async () => (await ok('otpList', { tabId: null })).state;

    it('unlocks with the output it was turned on with, never another; off again; the passphrase always works', async () => {
      await ok('otpAddText', { text: BANK_URI, tabId: null });
      const [prfOutput, prfSalt] = [random(), random()];
      expect((await ok('otpList', { tabId: null })).biometric).toBeNull();
      await ok('otpBiometricOn', { credentialId: 'Y3JlZGVudGlhbA', prfSalt, prfOutput });
      expect((await ok('otpList', { tabId: null })).biometric).toEqual({ credentialId: 'Y3JlZGVudGlhbA', prfSalt });

      await ok('otpLock', {});
      expect(await send('otpBiometricUnlock', { prfOutput: random() })).toMatchObject({
        ok: false,
        code: 'biometricFailed',
      });
      expect(await state()).toBe('locked');
      await ok('otpBiometricUnlock', { prfOutput });
      expect((await ok('otpList', { tabId: null })).accounts).toHaveLength(1);

      await ok('otpLock', {});
      await ok('otpUnlock', { passphrase: PASSPHRASE });
      await ok('otpBiometricOff', {});
      await ok('otpLock', {});
      expect(await send('otpBiometricUnlock', { prfOutput })).toMatchObject({ ok: false, code: 'biometricOff' });
      // Locked, nothing can be wrapped: the key is not there to wrap.
      expect(await send('otpBiometricOn', { credentialId: 'Y3JlZGVudGlhbA', prfSalt, prfOutput })).toMatchObject({
        ok: false,
        code: 'locked',
      });
      expect(await state()).toBe('locked');
    });

    it('takes nothing from a page, nor an output that is no 32-byte base64url', async () => {
      for (const [type, body] of [
        ['otpBiometricOn', { credentialId: 'x', prfSalt: random(), prfOutput: random() }],
        ['otpBiometricOff', {}],
        ['otpBiometricUnlock', { prfOutput: random() }],
      ] as const)
        expect((await send(type, body, page('https://bank.example/'))).error).toBe(
          'This request is not accepted from here.',
        );
      for (const prfOutput of ['not base64url!', 'A'.repeat(65), ''])
        expect((await send('otpBiometricUnlock', { prfOutput })).ok).toBe(false);
      await ok('otpLock', {});
      expect(await state()).toBe('locked');
    });
  });

  describe('backup and import', () => {
    it('hands the secrets out for an export only with the vault’s passphrase typed again, locked or not', async () => {
      await ok('otpAddText', { text: BANK_URI, tabId: await tabAt('https://bank.example/') });
      expect(await send('otpExportAccounts', { passphrase: 'not the passphrase' })).toMatchObject({
        ok: false,
        code: 'wrongPassphrase',
      });
      const { accounts } = await ok('otpExportAccounts', { passphrase: PASSPHRASE });
      expect(accounts).toEqual([
        expect.objectContaining({ kind: 'totp', issuer: 'Bank', site: 'bank.example', secret: expect.any(String) }),
      ]);
      await ok('otpLock', {});
      expect((await send('otpExportAccounts', { passphrase: 'not the passphrase' })).code).toBe('wrongPassphrase');
      // The passphrase is not the unlock: locked, the vault stays locked and gives nothing.
      expect((await send('otpExportAccounts', { passphrase: PASSPHRASE })).code).toBe('locked');
      expect((await ok('otpList', { tabId: null })).state).toBe('locked');
    });

    it('exports under a passphrase of its own, and imports after showing duplicates; each read commits once', async () => {
      await ok('otpAddText', { text: `${BANK_URI}\n${SHOP_URI}`, tabId: await tabAt('https://bank.example/') });
      const { accounts } = await ok('otpExportAccounts', { passphrase: PASSPHRASE });
      // What the page does with them (core/otp/export).
      const opened = accounts.map((a: { secret: string }) => ({ ...a, secret: fromBase64url(a.secret) }));
      const { fileName, text } = await writeExport('sidekey', opened, 'backup passphrase', '2026-12-03');
      expect(fileName).toBe('sidekey-codes-2026-12-03.json');
      expect(text).not.toContain('Bank');

      expect(await codeRejected(() => accountsOf(text, 'wrong passphrase'))).toBe('backupWrongPassphrase');
      expect(await codeRejected(() => accountsOf(text))).toBe('importNeedsPassword');
      const read = await readFile(text, 'backup passphrase');
      // Each with the site its code would be offered on, before anything is added.
      expect(read.found).toEqual([
        { issuer: 'Bank', label: 'anna', site: 'bank.example', duplicate: true },
        { issuer: 'Shop', label: 'anna', site: 'bank.example', duplicate: true },
      ]);
      expect(await ok('otpImportCommit', { importId: read.importId, withDuplicates: false })).toMatchObject({
        added: [],
        duplicates: [{ issuer: 'Bank' }, { issuer: 'Shop' }],
      });
      // Replayed: refused, nothing added.
      expect((await send('otpImportCommit', { importId: read.importId, withDuplicates: true })).error).toBe(
        'This import is no longer waiting; read the file again.',
      );
      expect((await ok('otpList', { tabId: null })).accounts).toHaveLength(2);

      const again = await readFile(text, 'backup passphrase');
      const copies = await ok('otpImportCommit', { importId: again.importId, withDuplicates: true });
      expect(copies.added.map((a: { site: string }) => a.site)).toEqual(['bank.example', 'bank.example']);
      expect((await ok('otpList', { tabId: null })).accounts).toHaveLength(4);
    });

    it('imports a plain list, with no site (its codes are offered nowhere until the user names one)', async () => {
      const read = await readFile(`${BANK_URI}\n`);
      const { added } = await ok('otpImportCommit', { importId: read.importId, withDuplicates: false });
      expect(added[0]).toMatchObject({ issuer: 'Bank', site: '' });
    });

    it('forgets what was read when the vault locks, by itself or on request', async () => {
      const read = await readFile(BANK_URI);
      await fakeBrowser.alarms.onAlarm.trigger({ name: OTP_LOCK_ALARM, scheduledTime: now });
      await vi.waitFor(async () => expect((await ok('otpList', { tabId: null })).state).toBe('locked'));
      await ok('otpUnlock', { passphrase: PASSPHRASE });
      expect((await send('otpImportCommit', { importId: read.importId, withDuplicates: false })).error).toBe(
        'This import is no longer waiting; read the file again.',
      );
    });

    it('forgets what was read after 10 minutes', async () => {
      const read = await readFile(BANK_URI);
      now += 10 * 60_000 + 1;
      expect((await send('otpImportCommit', { importId: read.importId, withDuplicates: false })).error).toBe(
        'This import is no longer waiting; read the file again.',
      );
    });

    it('holds each account it is sent to the rules again, refusing the whole request for one that fails', async () => {
      const [bank] = await accountsOf(BANK_URI);
      const bad = [
        { ...bank!, secret: base64url(new Uint8Array(4)) },
        { ...bank!, kind: 'steam', digits: 6 },
        { ...bank!, digits: 5 },
        { ...bank!, site: 'co.uk' },
        { ...bank!, site: 'login.bank.example' },
        { ...bank!, label: '   ' },
        { ...bank!, label: 'anna\u0007' },
      ];
      for (const account of bad) {
        const answer = await send('otpImportRead', { accounts: [bank, account] });
        expect(answer).toMatchObject({ ok: false, code: 'entryMalformed' });
      }
      for (const body of [
        { accounts: [{ ...bank!, secret: 'not base64url!' }] },
        { accounts: [{ ...bank!, extra: 1 }] },
        { accounts: [{ ...bank!, digits: 9 }] },
        { accounts: [{ ...bank!, period: 0 }] },
        { text: BANK_URI, passphrase: null },
        { accounts: Array.from({ length: 2001 }, () => bank) },
      ])
        expect((await send('otpImportRead', body)).ok).toBe(false);
      const huge = await send('otpImportRead', { accounts: [{ ...bank!, issuer: 'a'.repeat(3 * 1024 * 1024) }] });
      expect(huge.error).toMatch(/^Message too large: \d+ bytes, at most 2621440$/);
      // The larger limit is this message's only.
      expect((await send('otpAddText', { text: 'a'.repeat(70_000), tabId: null })).error).toMatch(/^Message too large/);
      expect((await ok('otpList', { tabId: null })).accounts).toHaveLength(0);
    });

    it('imports a Steam account from another app with its letters', async () => {
      const read = await readFile('otpauth://steam/Steam:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
      const { added } = await ok('otpImportCommit', { importId: read.importId, withDuplicates: false });
      expect(added[0]).toMatchObject({ kind: 'steam', digits: 5 });
      expect(added[0].code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    });
  });
});
