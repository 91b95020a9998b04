/**
 * Sidekey as an OpenID Provider, driven by openid-client (an OpenID Certified relying-party
 * library, not ours) over the app's own HTTP, on each store: discovery, the code flow with PKCE,
 * state and nonce, the level asked and reached (acr, amr) with step-up, consent, refresh rotation,
 * every client authentication method and its failures, replays, prompt=login and max_age, logout,
 * and a code issued by one instance redeemed at another.
 */
import crypto from 'node:crypto';
import * as oidc from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBase64url } from '../../src/core/encoding';
import { parseLoginQr } from '../../src/core/login-qr';
import { ocra } from '../../src/core/ocra';
import { buildApp } from '../../src/server/app';
import { testConfig } from '../fixtures/config';
import { enrolDevice, qrFromPage, type TestDevice } from '../fixtures/device';
import {
  authorizationRequest,
  authorize,
  discover,
  ISSUER,
  newJwk,
  type SignInStep,
  CLIENT_SECRET as SECRET,
  oidcSettings,
} from '../fixtures/oidc';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends, dropSchema, TEST_DATABASE_URL } from '../fixtures/stores';
import { startTcpProxy } from '../fixtures/tcp-proxy';
import { openStore } from '../../src/server/store/store';
import { WebClient } from '../fixtures/web-client';
import { GOOD_PASSWORD, PUBLIC_URL, signIn, startTestApp, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';

const sink = smtpSinkForThisFile();
const REDIRECT = 'https://app.example/callback';
const clientKey = newJwk('ec', 'client-key');
const CLIENTS = [
  {
    client_id: 'basic-app',
    client_name: 'Basic App',
    client_secret: SECRET,
    redirect_uris: [REDIRECT],
    level: 'BASIC',
    first_party: true,
    post_logout_redirect_uris: ['https://app.example/bye'],
  },
  {
    client_id: 'medium-app',
    client_name: 'Medium App',
    client_secret: SECRET,
    redirect_uris: [REDIRECT],
    level: 'MEDIUM',
  },
  {
    client_id: 'public-app',
    client_name: 'Public App',
    token_endpoint_auth_method: 'none',
    redirect_uris: [REDIRECT],
    level: 'BASIC',
    first_party: true,
  },
  {
    client_id: 'post-app',
    client_name: 'Post App',
    token_endpoint_auth_method: 'client_secret_post',
    client_secret: SECRET,
    redirect_uris: [REDIRECT],
    level: 'BASIC',
    first_party: true,
    id_token_signed_response_alg: 'ES256',
  },
  {
    client_id: 'jwt-app',
    client_name: 'JWT App',
    token_endpoint_auth_method: 'client_secret_jwt',
    client_secret: SECRET,
    redirect_uris: [REDIRECT],
    level: 'BASIC',
    first_party: true,
  },
  {
    client_id: 'key-app',
    client_name: 'Key App',
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [clientKey.public] },
    redirect_uris: [REDIRECT],
    level: 'BASIC',
    first_party: true,
  },
];
const PROVIDER_KEYS = { keys: [newJwk('rsa', 'rsa-1').private, newJwk('ec', 'ec-1').private] };
const ENV = oidcSettings(CLIENTS, PROVIDER_KEYS);

for (const backend of backends) {
  describe(`OpenID Provider [${backend.name}]`, () => {
    let t: TestApp;
    let user: { uid: string; email: string };
    beforeEach(async () => {
      t = await startTestApp(backend, sink, ENV);
      user = await seedUser(t.store, GOOD_PASSWORD);
    });
    afterEach(() => t.close());
    const app = () => t.app;
    const withPassword: SignInStep = (browser, service) => signIn(browser, user.email, GOOD_PASSWORD, service);

    async function signedInWith(
      clientId: string,
      browser = t.client(),
      extra: Record<string, string> = {},
      auth = { secret: SECRET },
    ) {
      const config = await discover(app, clientId, auth);
      const { url, checks } = await authorizationRequest(config, REDIRECT, extra);
      const back = await authorize(browser, url, { signIn: withPassword });
      return { config, back, checks, tokens: await oidc.authorizationCodeGrant(config, back, checks) };
    }

    it('publishes its discovery document and public keys', async () => {
      const meta = (await discover(app, 'basic-app', { secret: SECRET })).serverMetadata();
      expect(meta).toMatchObject({
        issuer: ISSUER,
        token_endpoint: `${ISSUER}/token`,
        code_challenge_methods_supported: ['S256'],
        acr_values_supported: ['BASIC', 'MEDIUM', 'HIGH'],
        response_types_supported: ['code'],
      });
      expect(meta.token_endpoint_auth_methods_supported).toEqual(
        expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'private_key_jwt']),
      );
      const jwks = JSON.parse((await t.app.inject({ url: '/oidc/jwks' })).body) as { keys: Record<string, unknown>[] };
      expect(jwks.keys.map((k) => k.kid).sort()).toEqual(['ec-1', 'rsa-1']);
      for (const key of jwks.keys)
        for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
    });

    it('signs a user in with the code flow and PKCE: a PS256 ID token with acr and amr, userinfo; the code once only', async () => {
      const { config, back, checks, tokens } = await signedInWith('basic-app');
      expect(tokens.claims()).toMatchObject({
        iss: ISSUER,
        sub: user.uid,
        aud: 'basic-app',
        acr: 'BASIC',
        amr: ['pwd'],
      });
      expect(JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString())).toMatchObject({
        alg: 'PS256',
        kid: 'rsa-1',
      });
      const info = await oidc.fetchUserInfo(config, tokens.access_token, user.uid);
      expect(info).toMatchObject({ sub: user.uid, email: user.email, email_verified: true, given_name: 'Test' });
      // A replayed code is refused, and what it gave is revoked with it (RFC 6749 §4.1.2).
      await expect(oidc.authorizationCodeGrant(config, back, checks)).rejects.toMatchObject({ error: 'invalid_grant' });
      await expect(oidc.fetchUserInfo(config, tokens.access_token, user.uid)).rejects.toMatchObject({ status: 401 });
    });

    it('single sign-on: a second client is answered without a sign-in, at the level the session reached', async () => {
      const browser = t.client();
      await signedInWith('basic-app', browser);
      const config = await discover(app, 'post-app', { method: oidc.ClientSecretPost(SECRET) });
      const { url, checks } = await authorizationRequest(config, REDIRECT);
      const back = await authorize(browser, url); // throws if asked to sign in
      const tokens = await oidc.authorizationCodeGrant(config, back, checks);
      expect(tokens.claims()).toMatchObject({ sub: user.uid, acr: 'BASIC' });
      expect(JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString()).alg).toBe('ES256');
    });

    describe('levels', () => {
      let device: TestDevice;
      beforeEach(async () => {
        const client = t.client();
        await signIn(client, user.email);
        device = await enrolDevice(t.app, client);
      });
      /** Password, then the mobile app's QR code and its one-time password (PASSWORD_SOFTWARE_TOKEN). */
      const withQr: SignInStep = async (browser, service) => {
        await browser.get(`/cas/login?service=${encodeURIComponent(service)}`);
        await browser.post('/cas/login', { step: 'identifier', identifier: user.email, service });
        const page = await browser.post('/cas/login', {
          step: 'password',
          identifier: user.email,
          method: 'mobile-qr',
          password: GOOD_PASSWORD,
          service,
        });
        const qr = parseLoginQr(qrFromPage(page.body));
        const otp = await ocra('OCRA-1:HOTP-SHA256-8:QH64', fromBase64url(device.ocraKey!), { question: qr.challenge });
        return browser.post('/cas/login/qr', { tx: qr.tx, otp, service });
      };
      /** A signed-in user stepping up: the second factor alone (the QR code's one-time password), no password. */
      const stepUpWithQr: SignInStep = async (browser, service) => {
        const page = await browser.get(`/cas/login?service=${encodeURIComponent(service)}`);
        expect(page.body).toContain('your password is not asked again');
        expect(page.body).not.toContain('type="password"');
        expect(page.body).not.toContain('name="method" value="password"');
        const qrPage = await browser.post('/cas/login', { step: 'second', method: 'mobile-qr', service });
        const qr = parseLoginQr(qrFromPage(qrPage.body));
        const otp = await ocra('OCRA-1:HOTP-SHA256-8:QH64', fromBase64url(device.ocraKey!), { question: qr.challenge });
        return browser.post('/cas/login/qr', { tx: qr.tx, otp, service });
      };
      const allow = (browser: WebClient) =>
        browser.post(browser.attr(/<form method="post" action="([^"]+)"/), { decision: 'allow' });

      it('a client that needs MEDIUM: the password alone is not offered; the QR code’s one-time password reaches it (acr MEDIUM, amr otp), after consent', async () => {
        const browser = t.client();
        await signedInWith('basic-app', browser); // a BASIC session first
        const config = await discover(app, 'medium-app', { secret: SECRET });
        const { url, checks } = await authorizationRequest(config, REDIRECT);
        let methods = '';
        const back = await authorize(browser, url, {
          signIn: async (b, service) => {
            await b.post('/cas/login', { step: 'identifier', identifier: user.email, service });
            methods = b.last!.body;
            return withQr(b, service);
          },
          onPage: async (b) => {
            expect(b.last!.body).toContain('Medium App asks to sign you in and to know:');
            return allow(b);
          },
        });
        expect(methods).toContain('value="mobile-qr"');
        expect(methods).not.toContain('name="method" value="password"');
        const tokens = await oidc.authorizationCodeGrant(config, back, checks);
        expect(tokens.claims()).toMatchObject({ sub: user.uid, acr: 'MEDIUM', amr: ['pwd', 'otp', 'mfa'] });
      });

      it('acr_values=MEDIUM on a BASIC client steps a BASIC session up with the second factor alone; the next request is answered from it at MEDIUM', async () => {
        const browser = t.client();
        await signedInWith('basic-app', browser);
        const config = await discover(app, 'basic-app', { secret: SECRET });
        const { url, checks } = await authorizationRequest(config, REDIRECT, { acr_values: 'MEDIUM' });
        let asked = false;
        const back = await authorize(browser, url, {
          signIn: (b, service) => {
            asked = true;
            return stepUpWithQr(b, service);
          },
        });
        expect(asked).toBe(true);
        expect((await oidc.authorizationCodeGrant(config, back, checks)).claims()).toMatchObject({ acr: 'MEDIUM' });
        // And the next request at BASIC is answered from that session at MEDIUM, without asking.
        const again = await authorizationRequest(config, REDIRECT);
        const back2 = await authorize(browser, again.url);
        expect((await oidc.authorizationCodeGrant(config, back2, again.checks)).claims()).toMatchObject({
          acr: 'MEDIUM',
        });
      });

      it('the EUSurvey demo relying party: refused at BASIC, signed in at MEDIUM with the QR code, shows acr and amr', async () => {
        const browser = t.client();
        await signedInWith('basic-app', browser); // a BASIC session is not enough for it
        let asked = false;
        const back = await authorize(browser, '/eusurvey/login', {
          signIn: (b, service) => {
            asked = true;
            return withQr(b, service);
          },
          stopAt: '/eusurvey/callback',
        });
        expect(asked).toBe(true);
        const page = await browser.get(back.pathname + back.search);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain(`You are signed in to EUSurvey as <span class="uid">${user.uid}</span>`);
        expect(page.body).toContain('<dd data-testid="acr">MEDIUM</dd>');
        expect(page.body).toContain('<dd data-testid="amr">pwd otp mfa</dd>');
        // Its callback again (a replayed code, its cookie used up): refused.
        expect((await browser.get(back.pathname + back.search)).statusCode).toBe(401);
      });

      it('a step-up without a session starts over; one naming the password method is refused', async () => {
        const browser = t.client();
        await browser.get('/cas/login');
        expect((await browser.post('/cas/login', { step: 'second', method: 'mobile-qr' })).statusCode).toBe(401);
        await signIn(browser, user.email);
        const service = `${PUBLIC_URL}/europass/callback`;
        expect((await browser.post('/cas/login', { step: 'second', method: 'password', service })).statusCode).toBe(
          422,
        );
        // Nothing weaker than a second factor comes out of it: the session stays as it was.
        expect(
          (await t.store.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM sessions WHERE strength <> 'PASSWORD'"))!.n,
        ).toBe(0);
      });

      it('consent: Cancel sends access_denied back to the client', async () => {
        const browser = t.client();
        const config = await discover(app, 'medium-app', { secret: SECRET });
        const { url } = await authorizationRequest(config, REDIRECT);
        const back = await authorize(browser, url, {
          signIn: withQr,
          onPage: (b) => b.post(b.attr(/<form method="post" action="([^"]+)"/), { decision: 'deny' }),
        });
        expect(back.searchParams.get('error')).toBe('access_denied');
      });
    });

    it('offline_access: a refresh token, rotated at each use; a replayed one revokes its family', async () => {
      const browser = t.client();
      const config = await discover(app, 'basic-app', { secret: SECRET });
      const { url, checks } = await authorizationRequest(config, REDIRECT, {
        scope: 'openid offline_access',
        prompt: 'consent',
      });
      const back = await authorize(browser, url, {
        signIn: withPassword,
        onPage: (b) => b.post(b.attr(/<form method="post" action="([^"]+)"/), { decision: 'allow' }),
      });
      const first = await oidc.authorizationCodeGrant(config, back, checks);
      expect(first.refresh_token).toBeTruthy();
      const second = await oidc.refreshTokenGrant(config, first.refresh_token!);
      expect(second.refresh_token).toBeTruthy();
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.claims()).toMatchObject({ sub: user.uid, acr: 'BASIC' });
      await expect(oidc.refreshTokenGrant(config, first.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      await expect(oidc.refreshTokenGrant(config, second.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      // No refresh token without offline_access.
      expect((await signedInWith('basic-app')).tokens.refresh_token).toBeUndefined();
    });

    it('authenticates each client by its method: client_secret_post, client_secret_jwt, private_key_jwt, and a public client with PKCE', async () => {
      const key = {
        key: await crypto.webcrypto.subtle.importKey(
          'jwk',
          clientKey.private as crypto.webcrypto.JsonWebKey,
          { name: 'ECDSA', namedCurve: 'P-256' },
          false,
          ['sign'],
        ),
        kid: 'client-key',
      };
      for (const [id, auth] of [
        ['post-app', { method: oidc.ClientSecretPost(SECRET) }],
        ['jwt-app', { method: oidc.ClientSecretJwt(SECRET) }],
        ['key-app', { method: oidc.PrivateKeyJwt(key) }],
        ['public-app', { method: oidc.None() }],
      ] as const) {
        const { tokens } = await signedInWith(id, t.client(), {}, auth as never);
        expect(tokens.claims()).toMatchObject({ aud: id, sub: user.uid });
      }
    });

    describe('refused', () => {
      /** A token request's answer for a code the user just got for `clientId`. */
      async function tokenRequest(
        clientId: string,
        fields: Record<string, string>,
        headers: Record<string, string> = {},
      ) {
        const config = await discover(app, clientId, { secret: SECRET });
        const { url, checks } = await authorizationRequest(config, REDIRECT);
        const back = await authorize(t.client(), url, { signIn: withPassword });
        const res = await t.app.inject({
          method: 'POST',
          url: '/oidc/token',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          payload: new URLSearchParams({
            grant_type: 'authorization_code',
            code: back.searchParams.get('code')!,
            redirect_uri: REDIRECT,
            code_verifier: checks.pkceCodeVerifier,
            ...fields,
          }).toString(),
        });
        return { status: res.statusCode, body: JSON.parse(res.body) as { error?: string } };
      }
      const basic = (id: string, secret: string) => ({
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      });
      const jwt = (header: object, payload: object, sign: (input: string) => string) => {
        const input = [header, payload]
          .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
          .join('.');
        return `${input}.${sign(input)}`;
      };
      const assertion = (clientId: string) => ({
        iss: clientId,
        sub: clientId,
        aud: ISSUER,
        jti: crypto.randomUUID(),
        exp: Math.floor(Date.now() / 1000) + 60,
        iat: Math.floor(Date.now() / 1000),
      });
      const asClientAssertion = (token: string) => ({
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: token,
      });

      it('a wrong secret, no authentication, a secret where the client signs assertions', async () => {
        expect(await tokenRequest('basic-app', {}, basic('basic-app', `${SECRET}x`))).toMatchObject({
          status: 401,
          body: { error: 'invalid_client' },
        });
        // No client named at all: not even a client to authenticate (RFC 6749 §5.2).
        expect(await tokenRequest('basic-app', {})).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
        // A client registered for a signed assertion cannot fall back to sending a secret (the
        // provider takes HTTP Basic and a secret in the body alike: both carry the same secret).
        for (const id of ['key-app', 'jwt-app'])
          expect(await tokenRequest(id, { client_id: id, client_secret: SECRET })).toMatchObject({
            status: 401,
            body: { error: 'invalid_client' },
          });
        expect((await tokenRequest('basic-app', {}, basic('basic-app', SECRET))).status).toBe(200);
      });

      it('client assertions with alg none, or HS256 keyed with the provider’s public key, or signed by another key', async () => {
        const none = jwt({ alg: 'none' }, assertion('key-app'), () => '');
        expect(await tokenRequest('key-app', asClientAssertion(none))).toMatchObject({
          status: 401,
          body: { error: 'invalid_client' },
        });
        const providerPublic = crypto.createPublicKey({
          key: PROVIDER_KEYS.keys[0] as crypto.JsonWebKey,
          format: 'jwk',
        });
        const pem = providerPublic.export({ type: 'spki', format: 'pem' });
        const confused = jwt({ alg: 'HS256' }, assertion('key-app'), (input) =>
          crypto.createHmac('sha256', pem).update(input).digest('base64url'),
        );
        expect(await tokenRequest('key-app', asClientAssertion(confused))).toMatchObject({
          status: 401,
          body: { error: 'invalid_client' },
        });
        const other = newJwk('ec', 'client-key');
        const forged = jwt({ alg: 'ES256', kid: 'client-key' }, assertion('key-app'), (input) =>
          crypto
            .sign('sha256', Buffer.from(input), { key: other.privateKey, dsaEncoding: 'ieee-p1363' })
            .toString('base64url'),
        );
        expect(await tokenRequest('key-app', asClientAssertion(forged))).toMatchObject({
          status: 401,
          body: { error: 'invalid_client' },
        });
        const signed = jwt({ alg: 'ES256', kid: 'client-key' }, assertion('key-app'), (input) =>
          crypto
            .sign('sha256', Buffer.from(input), { key: clientKey.privateKey, dsaEncoding: 'ieee-p1363' })
            .toString('base64url'),
        );
        expect((await tokenRequest('key-app', asClientAssertion(signed))).status).toBe(200);
      });

      it('a redirect URI not registered exactly (an extra slash) is shown as an error, never followed', async () => {
        const config = await discover(app, 'basic-app', { secret: SECRET });
        for (const redirect of [
          `${REDIRECT}/`,
          'https://app.example/callback/../evil',
          'https://evil.example/callback',
        ]) {
          const { url } = await authorizationRequest(config, redirect);
          const res = await t.client().get(url.pathname + url.search);
          expect(res.statusCode).toBe(400);
          expect(res.headers.location).toBeUndefined();
          expect(res.body).toContain('This sign-in request cannot be used');
          expect(res.body).toContain('invalid_redirect_uri');
        }
      });

      it('a public client without PKCE, or with plain PKCE', async () => {
        const config = await discover(app, 'public-app', { method: oidc.None() });
        for (const extra of [{ code_challenge: '', code_challenge_method: '' }, { code_challenge_method: 'plain' }]) {
          const { url } = await authorizationRequest(config, REDIRECT);
          for (const [k, v] of Object.entries(extra)) {
            if (v) url.searchParams.set(k, v);
            else url.searchParams.delete(k);
          }
          const res = await t.client().get(url.pathname + url.search);
          const back = new URL(String(res.headers.location));
          expect(back.origin + back.pathname).toBe(REDIRECT);
          expect(back.searchParams.get('error')).toBe('invalid_request');
        }
      });
    });

    it('prompt=login and max_age=0 ask for a sign-in again, whatever the session', async () => {
      const browser = t.client();
      await signedInWith('basic-app', browser);
      const config = await discover(app, 'basic-app', { secret: SECRET });
      for (const extra of [{ prompt: 'login' }, { max_age: '0' }] as Record<string, string>[]) {
        const { url, checks } = await authorizationRequest(config, REDIRECT, extra);
        let asked = false;
        const back = await authorize(browser, url, {
          signIn: (b, service) => {
            asked = true;
            return withPassword(b, service);
          },
        });
        expect(asked).toBe(true);
        expect(
          (
            await oidc.authorizationCodeGrant(config, back, { ...checks, maxAge: extra.max_age ? 0 : undefined })
          ).claims(),
        ).toMatchObject({ sub: user.uid });
      }
    });

    it('RP-initiated logout ends the Sidekey session too', async () => {
      const browser = t.client();
      const { config, tokens } = await signedInWith('basic-app', browser);
      const end = oidc.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: 'https://app.example/bye',
      });
      const page = await browser.get(end.pathname + end.search);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Basic App asks to sign you out.');
      const action = new URL(browser.attr(/<form id="op.logoutForm" method="post" action="([^"]+)"/));
      const res = await browser.post(
        action.pathname,
        { xsrf: browser.attr(/name="xsrf" value="([^"]+)"/), logout: 'yes' },
        { csrf: false },
      );
      expect(res.headers.location).toBe('https://app.example/bye');
      expect((await browser.get('/cas/account')).statusCode).toBe(303); // signed out: on to the sign-in page
    });

    it('a code issued by one instance is redeemed at another on the same store', async () => {
      const other = await buildApp({ config: testConfig({ ...ENV, SMTP_URL: sink.url }), store: t.store });
      try {
        const config = await discover(app, 'basic-app', { secret: SECRET });
        const { url, checks } = await authorizationRequest(config, REDIRECT);
        const back = await authorize(t.client(), url, { signIn: withPassword });
        const atOther = await discover(() => other, 'basic-app', { secret: SECRET });
        expect((await oidc.authorizationCodeGrant(atOther, back, checks)).claims()).toMatchObject({ sub: user.uid });
      } finally {
        await other.close();
      }
    });
  });
}

describe.skipIf(process.env.SIDEKEY_SKIP_POSTGRES === '1')(
  'OpenID Provider through a PostgreSQL outage [postgres]',
  () => {
    it(
      'a code exchanged while the database is cut off: a clear server_error, nothing half-written — the same code works once it is back',
      { timeout: 60_000 },
      async () => {
        const schema = `sidekey_test_oidc_outage_${process.pid}_${Date.now() % 100_000}`;
        const proxy = await startTcpProxy(5432);
        const proxied = new URL(TEST_DATABASE_URL);
        proxied.host = `127.0.0.1:${proxy.port}`;
        const store = await openStore({
          kind: 'postgres',
          url: proxied.toString(),
          schema,
          timeouts: { connectMs: 1000, queryMs: 2000 },
        });
        const app = await buildApp({ config: testConfig({ ...ENV, SMTP_URL: sink.url }), store });
        try {
          const user = await seedUser(store, GOOD_PASSWORD);
          const config = await discover(() => app, 'basic-app', { secret: SECRET });
          const { url, checks } = await authorizationRequest(config, REDIRECT);
          const back = await authorize(new WebClient(app), url, {
            signIn: (browser, service) => signIn(browser, user.email, GOOD_PASSWORD, service),
          });
          proxy.cut();
          const during = await app.inject({
            method: 'POST',
            url: '/oidc/token',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              authorization: `Basic ${Buffer.from(`basic-app:${SECRET}`).toString('base64')}`,
            },
            payload: new URLSearchParams({
              grant_type: 'authorization_code',
              code: back.searchParams.get('code')!,
              redirect_uri: REDIRECT,
              code_verifier: checks.pkceCodeVerifier,
            }).toString(),
          });
          expect(during.statusCode).toBe(500);
          expect(during.json()).toMatchObject({ error: 'server_error' });
          expect(during.body).not.toMatch(/ECONNRESET|ECONNREFUSED|at .+\.(ts|js):\d+|postgres/i);
          proxy.restore();
          expect((await oidc.authorizationCodeGrant(config, back, checks)).claims()).toMatchObject({ sub: user.uid });
        } finally {
          await app.close();
          await store.close();
          await proxy.close();
          await dropSchema(schema);
        }
      },
    );
  },
);
