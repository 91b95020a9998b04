/**
 * The OpenID Provider's routes against malformed, oversized, mistyped and hostile requests: a clear
 * 4xx (in OAuth's JSON error shape where a client calls, a page where a browser does), never a
 * 500 or a stack, and nothing written to the provider's state or the sessions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_SECRET as SECRET, oidcSettings } from '../fixtures/oidc';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { GOOD_PASSWORD, signIn, startTestApp, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';

const sink = smtpSinkForThisFile();
const ENV = oidcSettings([
  {
    client_id: 'app',
    client_name: 'App',
    client_secret: SECRET,
    redirect_uris: ['https://app.example/cb'],
    level: 'BASIC',
  },
]);
const FORM = 'application/x-www-form-urlencoded';
const basic = `Basic ${Buffer.from(`app:${SECRET}`).toString('base64')}`;

/** The endpoints a client POSTs to (discovery names them), and the browser's. */
const CLIENT_POSTS = ['/oidc/token', '/oidc/token/revocation', '/oidc/me'];
const BROWSER_POSTS = [
  '/oidc/auth',
  '/oidc/session/end',
  '/oidc/session/end/confirm',
  `/oidc/interaction/${'A'.repeat(21)}`,
];
const BODIES: [string, string, string | Buffer][] = [
  ['broken %-escapes', FORM, 'grant_type=%E0%A4%A&code=x'],
  ['invalid UTF-8 bytes', FORM, Buffer.from([0x66, 0x3d, 0xc3, 0x28])],
  ['an oversized body', FORM, `code=${'a'.repeat(200 * 1024)}`],
  ['repeated parameters', FORM, 'grant_type=authorization_code&grant_type=refresh_token&code=a&code=b'],
  ['JSON', 'application/json', '{"grant_type":"authorization_code","code":{"$ne":1}}'],
  ['a deeply nested JSON', 'application/json', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['XML', 'application/xml', '<a/>'],
  ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  ['an empty body', FORM, ''],
  ['control characters', FORM, 'grant_type=authorization_code&code=%00%01&redirect_uri=%0d%0aLocation:%20x'],
];
const GETS = [
  '/oidc/auth?client_id[]=app',
  '/oidc/auth?client_id=app&response_type=code&redirect_uri=https://app.example/cb&scope=openid&claims={broken',
  '/oidc/auth?client_id=app&response_type=code&redirect_uri=https://app.example/cb&scope=openid&request=eyJhbGciOiJub25lIn0.e30.',
  `/oidc/auth?client_id=app&response_type=code&redirect_uri=https://app.example/cb&scope=openid&state=${'s'.repeat(20000)}`,
  '/oidc/auth?client_id=nobody&response_type=code&redirect_uri=https://evil.example/&scope=openid',
  '/oidc/auth?client_id=app&response_type=token&redirect_uri=https://app.example/cb&scope=openid',
  '/oidc/auth?client_id=app&response_type=code&redirect_uri=https://app.example/cb&scope=openid&acr_values=HIGH%00',
  '/oidc/me?access_token[]=x',
  '/oidc/session/end?id_token_hint=eyJhbGciOiJub25lIn0.e30.&post_logout_redirect_uri=https://evil.example/',
  `/oidc/interaction/${'A'.repeat(21)}`,
  '/oidc/interaction/..%2f..%2fcas',
  `/oidc/interaction/${'%00'.repeat(30)}`,
  '/oidc/.well-known/openid-configuration?x[]=1',
  '/oidc/jwks/../../cas/account',
];

for (const backend of backends) {
  describe(`OpenID Provider, hostile input [${backend.name}]`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(backend, sink, ENV);
    });
    afterEach(() => t.close());
    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of ['oidc_state', 'sessions', 'users'])
        out[table] = Number((await t.store.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
      return out;
    };
    const noLeak = (body: string) => expect(body).not.toMatch(/at .+\.(ts|js):\d+|stack|node_modules/i);

    for (const route of CLIENT_POSTS)
      it.each(BODIES)(`POST ${route} with %s: a 4xx OAuth error, nothing written`, async (_name, type, payload) => {
        const before = await counts();
        const res = await t.app.inject({
          method: 'POST',
          url: route,
          payload,
          headers: { 'content-type': type, authorization: basic },
        });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json()).toMatchObject({ error: expect.any(String) });
        noLeak(res.body);
        expect(await counts()).toEqual(before);
      });

    for (const route of BROWSER_POSTS)
      it.each(BODIES)(`POST ${route} with %s: a 4xx, nothing written`, async (_name, type, payload) => {
        const before = await counts();
        const res = await t.app.inject({ method: 'POST', url: route, payload, headers: { 'content-type': type } });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        noLeak(res.body);
        expect(await counts()).toEqual(before);
      });

    it.each(GETS)('GET %s answers a 4xx, a page or a redirect to the client, never a 500', async (url) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBeLessThan(500);
      noLeak(res.body);
      const location = res.headers.location;
      // Never sent anywhere the client did not register.
      if (location) expect(String(location)).toMatch(/^(https:\/\/app\.example\/cb|\/)/);
    });

    it('a forged Host or X-Forwarded-Host: the discovery document keeps the issuer’s URLs', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/oidc/.well-known/openid-configuration',
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      });
      expect(res.json()).toMatchObject({
        issuer: 'http://localhost:8080/oidc',
        token_endpoint: 'http://localhost:8080/oidc/token',
      });
    });

    it('the consent form refuses a post without its CSRF token, and one for an interaction this browser is not in', async () => {
      const user = await seedUser(t.store, GOOD_PASSWORD);
      const client = t.client();
      await signIn(client, user.email);
      const uid = 'A'.repeat(21);
      expect((await client.post(`/oidc/interaction/${uid}`, { decision: 'allow' }, { csrf: false })).statusCode).toBe(
        403,
      );
      expect((await client.post(`/oidc/interaction/${uid}`, { decision: 'allow' })).statusCode).toBe(410);
      expect((await client.post(`/oidc/interaction/${uid}`, { decision: 'maybe' })).statusCode).toBe(400);
    });
  });
}
