/**
 * "Security Key or Trusted Platform": registration in My Account, sign-in as a
 * second factor and passwordless, and every refusal the issue lists — with a
 * software authenticator producing real WebAuthn bytes — on each store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signDeviceRequest } from '../../src/core/device-crypto';
import { CEREMONY_TTL_MS } from '../../src/server/domain/webauthn';
import { pendingRequests, enrolDevice } from '../fixtures/device';
import { ceremonyOptions, SoftAuthenticator, type Tamper } from '../fixtures/soft-authenticator';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { GOOD_PASSWORD, PUBLIC_URL, signIn, startTestApp, ticketFor, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';
import type { WebClient } from '../fixtures/web-client';

const EUROPASS = `${PUBLIC_URL}/europass/callback`;

const sink = smtpSinkForThisFile();

for (const backend of backends) {
  describe(`WebAuthn [${backend.name}]`, () => {
    let t: TestApp;
    let user: { uid: string; email: string };
    let client: WebClient;
    let authenticator: SoftAuthenticator;

    beforeEach(async () => {
      t = await startTestApp(backend, sink);
      user = await seedUser(t.store, GOOD_PASSWORD);
      client = t.client();
      await signIn(client, user.email);
      authenticator = new SoftAuthenticator(PUBLIC_URL, 'localhost');
    });
    afterEach(() => t.close());

    /** My Account → add → the ceremony page; returns its options and form fields. */
    async function startRegistration(c = client, kind = 'platform', name = 'Office laptop') {
      expect((await c.get('/cas/security-keys/new')).body).toContain('What do you want to register?');
      const page = await c.post('/cas/security-keys/new', { kind, name });
      expect(page.statusCode).toBe(200);
      return { options: ceremonyOptions(page.body), tx: c.attr(/name="tx" value="([^"]+)"/) };
    }
    async function register(tamper: Tamper = {}, a = authenticator, c = client) {
      const { options, tx } = await startRegistration(c);
      return c.post('/cas/security-keys', { tx, credential: JSON.stringify(a.create(options, tamper)) });
    }
    /** The password with the WebAuthn method: the ceremony page. */
    async function secondFactorStep(identifier = user.email) {
      const browser = t.client();
      await browser.get(`/cas/login?service=${encodeURIComponent(EUROPASS)}`);
      await browser.post('/cas/login', { step: 'identifier', identifier, service: EUROPASS });
      const page = await browser.post('/cas/login', {
        step: 'password',
        identifier,
        method: 'webauthn',
        password: GOOD_PASSWORD,
        service: EUROPASS,
      });
      return { browser, page };
    }
    const answer = (browser: WebClient, credential: unknown) =>
      browser.post('/cas/login/webauthn', {
        tx: browser.attr(/name="tx" value="([^"]+)"/),
        credential: JSON.stringify(credential),
        service: EUROPASS,
      });
    async function strengthAfter(browser: WebClient) {
      const redirect = await browser.get(`/cas/login?service=${encodeURIComponent(EUROPASS)}`);
      const welcome = await browser.get((redirect.headers.location as string).slice(PUBLIC_URL.length));
      return /data-testid="strength">([A-Z_]+)</.exec(welcome.body)?.[1];
    }

    it('registers a trusted platform with user verification required, and lists it in My Account', async () => {
      const { options, tx } = await startRegistration();
      expect(options).toMatchObject({
        rp: { id: 'localhost' },
        attestation: 'direct',
        authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required' },
      });
      const res = await client.post('/cas/security-keys', {
        tx,
        credential: JSON.stringify(authenticator.create(options)),
      });
      expect(res.statusCode).toBe(303);
      const account = await client.get('/cas/account');
      expect(account.body).toContain('Office laptop');
      expect(account.body).toContain('Trusted platform');
      expect(account.body).toContain('none (no attestation)');
      expect((await t.store.activity.recent(user.uid))[0]).toMatchObject({ kind: 'security-key-added' });
    });

    it('signs in to Europass with it after the password, at PASSWORD_WEBAUTHN', async () => {
      expect((await register()).statusCode).toBe(303);
      const { browser, page } = await secondFactorStep();
      expect(page.body).toContain('Security Key or Trusted Platform');
      const options = ceremonyOptions(page.body);
      expect(options.allowCredentials?.map((c) => c.id)).toEqual([
        Buffer.from(authenticator.credentials[0]!.id).toString('base64url'),
      ]);
      const res = await answer(browser, authenticator.get(options));
      // Nothing to tell: straight back to the service, with its ticket.
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(ticketFor(EUROPASS));
      expect(await strengthAfter(browser)).toBe('PASSWORD_WEBAUTHN');
    });

    it('signs in passwordless with the discoverable credential (a passkey)', async () => {
      await register();
      const browser = t.client();
      await browser.get('/cas/login');
      const page = await browser.post('/cas/login/passkey', {});
      const options = ceremonyOptions(page.body);
      expect(options.allowCredentials ?? []).toEqual([]);
      expect(options).toMatchObject({ userVerification: 'required' });
      const res = await answer(browser, authenticator.get(options));
      expect(res.headers.location).toMatch(ticketFor(EUROPASS));
      expect((await t.store.activity.recent(user.uid))[0]!.detail).toMatch(/^Passkey \(Office laptop\)/);
    });

    it('refuses a passkey whose user handle is not its user’s, and one without user verification', async () => {
      await register();
      for (const tamper of [{ userHandle: 'AAAA' }, { uv: false }]) {
        const browser = t.client();
        await browser.get('/cas/login');
        const page = await browser.post('/cas/login/passkey', {});
        const res = await answer(browser, authenticator.get(ceremonyOptions(page.body), 0, tamper));
        expect(res.statusCode).toBe(401);
        expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('sk_session=');
      }
    });

    it.each<[string, Tamper]>([
      ['another RP ID', { rpId: 'evil.example' }],
      ['another origin', { origin: 'https://login.example.eu.evil.example' }],
      ['another challenge', { challenge: Buffer.from('not the server’s challenge').toString('base64url') }],
      ['the wrong ceremony type', { type: 'webauthn.get' }],
      ['no user verification on a trusted platform', { uv: false }],
      ['no user presence', { up: false }],
    ])('refuses a registration with %s, and stores nothing', async (_name, tamper) => {
      const res = await register(tamper);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('could not be verified');
      expect(await t.store.webauthnCredentials.listFor(user.uid)).toEqual([]);
    });

    it.each<[string, Tamper]>([
      ['another RP ID', { rpId: 'evil.example' }],
      ['another origin', { origin: 'http://localhost:9999' }],
      ['another challenge', { challenge: Buffer.from('x'.repeat(32)).toString('base64url') }],
      ['no user presence', { up: false }],
      ['no user verification on a trusted platform', { uv: false }],
    ])('refuses a sign-in assertion with %s', async (_name, tamper) => {
      await register();
      const { browser, page } = await secondFactorStep();
      const res = await answer(browser, authenticator.get(ceremonyOptions(page.body), 0, tamper));
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('cannot sign you in');
    });

    it('uses a challenge once, and not after it expires', async () => {
      await register();
      const first = await secondFactorStep();
      const assertion = authenticator.get(ceremonyOptions(first.page.body));
      const tx = first.browser.attr(/name="tx" value="([^"]+)"/);
      expect((await answer(first.browser, assertion)).statusCode).toBe(303);
      // Replayed: the same answer to the same ceremony, from a browser holding the same binding, is refused.
      const replay = await first.browser.post('/cas/login/webauthn', {
        tx,
        credential: JSON.stringify(assertion),
        service: EUROPASS,
      });
      expect(replay.statusCode).toBe(410);
      const second = await secondFactorStep();
      t.clock.advance(CEREMONY_TTL_MS + 1);
      expect((await answer(second.browser, authenticator.get(ceremonyOptions(second.page.body)))).statusCode).toBe(410);
      // Registration challenges too.
      t.clock.advance(-(CEREMONY_TTL_MS + 1));
      await signIn(client, user.email);
      const { options, tx: regTx } = await startRegistration(client, 'security-key', 'Key');
      t.clock.advance(CEREMONY_TTL_MS + 1);
      const late = await client.post('/cas/security-keys', {
        tx: regTx,
        credential: JSON.stringify(new SoftAuthenticator(PUBLIC_URL, 'localhost').create(options)),
      });
      expect(late.statusCode).toBe(410);
    });

    it('refuses the credential of another user after this user’s password', async () => {
      await register();
      const other = await seedUser(t.store, GOOD_PASSWORD);
      const otherClient = t.client();
      await signIn(otherClient, other.email);
      const otherAuthenticator = new SoftAuthenticator(PUBLIC_URL, 'localhost');
      expect((await register({}, otherAuthenticator, otherClient)).statusCode).toBe(303);
      const { browser, page } = await secondFactorStep(user.email);
      const res = await answer(browser, otherAuthenticator.get(ceremonyOptions(page.body)));
      expect(res.statusCode).toBe(401);
      expect((await t.store.activity.recent(user.uid))[0]).toMatchObject({ kind: 'sign-in-failed' });
    });

    it('refuses a signature counter that goes backwards (a cloned authenticator), and logs it', async () => {
      await register();
      const first = await secondFactorStep();
      expect(
        (await answer(first.browser, authenticator.get(ceremonyOptions(first.page.body), 0, { counter: 10 })))
          .statusCode,
      ).toBe(303);
      const second = await secondFactorStep();
      const res = await answer(second.browser, authenticator.get(ceremonyOptions(second.page.body), 0, { counter: 5 }));
      expect(res.statusCode).toBe(401);
      expect((await t.store.activity.recent(user.uid))[0]).toMatchObject({ kind: 'security-key-refused' });
      expect((await t.store.webauthnCredentials.listFor(user.uid))[0]!.counter).toBe(10);
    });

    it.each([
      ['not JSON', '{"id":'],
      ['an empty object', '{}'],
      [
        'garbage bytes',
        JSON.stringify({
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: { clientDataJSON: '!!', attestationObject: '%%' },
        }),
      ],
      ['a huge but allowed string', JSON.stringify({ id: 'A'.repeat(16_000) })],
    ])('refuses a malformed registration (%s) with a clear page', async (_name, credential) => {
      const { tx } = await startRegistration();
      const res = await client.post('/cas/security-keys', { tx, credential });
      expect([400, 422]).toContain(res.statusCode);
      expect(res.body).toContain('Not registered');
      expect(await t.store.webauthnCredentials.listFor(user.uid)).toEqual([]);
    });

    it.each([
      ['not JSON', '{"id":'],
      ['an unknown credential', JSON.stringify({ id: 'AAAAAAAAAAAAAAAAAAAAAA', response: {} })],
      ['a cancelled dialog (nothing)', ''],
    ])('refuses a malformed or missing assertion (%s) and signs nobody in', async (_name, credential) => {
      await register();
      const { browser } = await secondFactorStep();
      const res = await browser.post('/cas/login/webauthn', {
        tx: browser.attr(/name="tx" value="([^"]+)"/),
        credential,
        service: EUROPASS,
      });
      expect([400, 401]).toContain(res.statusCode);
      expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('sk_session=');
    });

    it('says so when the account has no security key', async () => {
      const { page } = await secondFactorStep();
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('No security key or trusted platform found.');
    });

    it('refuses authenticators without verified attestation when configuration demands it', async () => {
      await t.close();
      t = await startTestApp(backend, sink, { WEBAUTHN_ATTESTATION: 'required' });
      user = await seedUser(t.store, GOOD_PASSWORD);
      client = t.client();
      await signIn(client, user.email);
      for (const attestation of ['none', 'packed-self'] as const) {
        const res = await register({}, new SoftAuthenticator(PUBLIC_URL, 'localhost', { attestation }));
        expect(res.statusCode).toBe(422);
        expect(res.body).toContain('prove their make and model');
      }
    });

    it('verifies and records a self-attested (packed) statement', async () => {
      const res = await register({}, new SoftAuthenticator(PUBLIC_URL, 'localhost', { attestation: 'packed-self' }));
      expect(res.statusCode).toBe(303);
      expect((await t.store.webauthnCredentials.listFor(user.uid))[0]).toMatchObject({
        attestationFormat: 'packed',
        attestation: 'self',
      });
    });

    it('asks for the password again when the sign-in is not fresh, and for the mobile device’s approval when there is one', async () => {
      t.clock.advance(11 * 60_000);
      expect((await client.get('/cas/security-keys/new')).body).toContain('please enter your password to continue');
      await client.post('/cas/security-keys/reauth', { password: GOOD_PASSWORD });
      expect((await client.get('/cas/security-keys/new')).body).toContain('What do you want to register?');
      const device = await enrolDevice(t.app, client, { at: t.clock.now });
      const ask = await client.get('/cas/security-keys/new');
      expect(ask.body).toContain('approve the request on your registered device');
      expect(ask.body).toContain('name="next" value="/cas/security-keys/new"');
      const refused = await client.post('/cas/security-keys/new', { kind: 'platform', name: 'x' });
      expect(refused.body).not.toContain('data-webauthn');
      // The request says what is being added, on the page and to the device.
      const wait = await client.post('/cas/mobile/approval', {
        device: device.deviceId!,
        next: '/cas/security-keys/new',
      });
      expect(wait.body).toContain('to approve adding a security key or trusted platform');
      const [request] = (await pendingRequests(t.app, device, t.clock.now)).json().requests;
      expect(request).toMatchObject({ purpose: 'add-authenticator', service: null });
    });

    it('lets an enrolled extension register one for its account, authorised by its device key, from its own origin', async () => {
      await t.close();
      const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
      t = await startTestApp(backend, sink, { WEBAUTHN_EXTRA_ORIGINS: EXTENSION });
      user = await seedUser(t.store, GOOD_PASSWORD);
      client = t.client();
      await signIn(client, user.email);
      const device = await enrolDevice(t.app, client, { at: t.clock.now });
      const signed = () => signDeviceRequest(device.keys.privateKey, 'broker', device.deviceId!, t.clock.now);
      const post = (path: string, payload: object) =>
        t.app.inject({ method: 'POST', url: `/api/devices/${device.deviceId}/webauthn/${path}`, payload });

      const opened = await post('options', { kind: 'platform', name: 'This laptop', ...(await signed()) });
      expect(opened.statusCode).toBe(200);
      const { tx, options } = opened.json();
      expect(options.authenticatorSelection).toMatchObject({ authenticatorAttachment: 'platform' });
      // The page's origin is not the extension's: refused.
      const wrongOrigin = new SoftAuthenticator('https://evil.example', 'localhost').create(options);
      const refused = await post('register', { tx, credential: wrongOrigin, ...(await signed()) });
      expect(refused.statusCode).toBe(422);
      // It says which setting would accept it.
      expect(refused.json().error).toBe(
        'This server does not accept registrations from https://evil.example. Its operator must add that origin to the WEBAUTHN_EXTRA_ORIGINS setting.',
      );
      const again = (await post('options', { kind: 'platform', name: 'This laptop', ...(await signed()) })).json();
      const fromExtension = new SoftAuthenticator(EXTENSION, 'localhost').create(again.options);
      const registered = await post('register', { tx: again.tx, credential: fromExtension, ...(await signed()) });
      expect(registered.statusCode).toBe(200);
      expect((await t.store.webauthnCredentials.listFor(user.uid))[0]).toMatchObject({
        name: 'This laptop',
        brokeredBy: device.deviceId,
      });
      expect((await client.get('/cas/account')).body).toContain('registered by Sidekey');
      // Unsigned, forged or replayed: nothing.
      const body = { kind: 'platform', name: 'x', ...(await signed()) };
      expect((await post('options', body)).statusCode).toBe(200);
      expect((await post('options', body)).statusCode).toBe(401);
      expect((await post('options', { kind: 'platform', name: 'x' })).statusCode).toBe(400);
      const stranger = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      const forged = await signDeviceRequest(stranger.privateKey, 'broker', device.deviceId!, t.clock.now);
      expect((await post('options', { kind: 'platform', name: 'x', ...forged })).statusCode).toBe(401);
    });

    it('renames and removes (removal asks for the password)', async () => {
      await register();
      const id = Buffer.from(authenticator.credentials[0]!.id).toString('base64url');
      await client.get('/cas/account');
      expect((await client.post(`/cas/security-keys/${id}/rename`, { name: 'Desk' })).statusCode).toBe(303);
      expect((await t.store.webauthnCredentials.byId(id))!.name).toBe('Desk');
      expect((await client.post(`/cas/security-keys/${id}/remove`, { password: 'wrong' })).statusCode).toBe(401);
      expect((await client.post(`/cas/security-keys/${id}/remove`, { password: GOOD_PASSWORD })).statusCode).toBe(303);
      expect(await t.store.webauthnCredentials.listFor(user.uid)).toEqual([]);
    });
  });
}
