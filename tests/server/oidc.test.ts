/**
 * Sidekey as an OpenID Provider, driven by openid-client (an OpenID Certified relying-party
 * library, not ours) over the app's own HTTP (app.inject as its fetch), on each store: discovery,
 * the code flow with PKCE, state and nonce, the level asked and reached (acr, amr), userinfo,
 * refresh rotation, replays refused.
 */
import * as oidc from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { createAccount, PUBLIC_URL, signIn, startTestApp, type TestApp } from '../fixtures/test-app';
import type { WebClient } from '../fixtures/web-client';

const sink = smtpSinkForThisFile();
const ISSUER = `${PUBLIC_URL}/oidc`;
const REDIRECT = 'https://app.example/callback';
const SECRET = 'a client secret of at least thirty-two characters';
const CLIENTS = [
  {
    client_id: 'basic-app',
    client_name: 'Basic App',
    client_secret: SECRET,
    redirect_uris: [REDIRECT],
    level: 'BASIC',
    first_party: true,
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
];

for (const backend of backends) {
  describe(`OpenID Provider [${backend.name}]`, () => {
    let t: TestApp;
    let uid: string;
    const email = 'olga@example.eu';
    beforeEach(async () => {
      t = await startTestApp(backend, sink, { OIDC_CLIENTS: JSON.stringify(CLIENTS) });
      uid = await createAccount(t, sink, { firstName: 'Olga', lastName: 'Berg', email });
    });
    afterEach(() => t.close());

    /** openid-client's fetch: the app's own HTTP, as a relying party's server would reach it. */
    const viaApp: oidc.CustomFetch = async (url, options) => {
      const target = new URL(url);
      const res = await t.app.inject({
        method: options.method as 'GET' | 'POST',
        url: target.pathname + target.search,
        headers: options.headers,
        ...(options.body !== undefined && options.body !== null && { payload: String(options.body) }),
      });
      return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), {
        status: res.statusCode,
        headers: Object.entries(res.headers).flatMap(([k, v]) =>
          v === undefined ? [] : (Array.isArray(v) ? v : [String(v)]).map((one): [string, string] => [k, one]),
        ),
      });
    };
    const discover = (clientId: string, secret: string | undefined = SECRET) =>
      oidc.discovery(new URL(ISSUER), clientId, secret, secret ? undefined : oidc.None(), {
        execute: [oidc.allowInsecureRequests],
        [oidc.customFetch]: viaApp,
      });

    /** The user's browser from the authorization URL to the redirect back; signs in when asked. */
    async function authorize(browser: WebClient, url: URL, signInAs?: string): Promise<URL> {
      let res = await browser.get(url.pathname + url.search);
      for (let hop = 0; hop < 10; hop++) {
        if (![302, 303].includes(res.statusCode)) throw new Error(`${res.statusCode} ${res.body.slice(0, 600)}`);
        const location = new URL(res.headers.location as string, PUBLIC_URL);
        if (location.origin !== PUBLIC_URL) return location;
        if (location.pathname === '/cas/login') {
          if (!signInAs) throw new Error('asked to sign in');
          const service = location.searchParams.get('service')!;
          res = await signIn(browser, signInAs, undefined, service);
          // A user without a device is told so first (the guide), then continues.
          if (res.statusCode === 200) res = await browser.get(`/cas/login?service=${encodeURIComponent(service)}`);
          continue;
        }
        res = await browser.get(location.pathname + location.search);
      }
      throw new Error('too many redirects');
    }

    async function codeFlow(clientId: string, browser: WebClient, extra: Record<string, string> = {}) {
      const config = await discover(clientId, clientId === 'public-app' ? undefined : SECRET);
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...extra,
      });
      const back = await authorize(browser, url, email);
      return { config, back, verifier, state, nonce };
    }

    it('publishes its discovery document and keys', async () => {
      const config = await discover('basic-app');
      const meta = config.serverMetadata();
      expect(meta.issuer).toBe(ISSUER);
      expect(meta.token_endpoint).toBe(`${ISSUER}/token`);
      expect(meta.code_challenge_methods_supported).toEqual(['S256']);
      expect(meta.acr_values_supported).toEqual(['BASIC', 'MEDIUM', 'HIGH']);
      expect(meta.id_token_signing_alg_values_supported).toEqual(expect.arrayContaining(['PS256', 'ES256']));
      const jwks = JSON.parse((await t.app.inject({ url: '/oidc/jwks' })).body) as { keys: Record<string, unknown>[] };
      expect(jwks.keys.map((k) => k.kty).sort()).toEqual(['EC', 'RSA']);
      // Public keys only.
      for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
    });

    it('signs a user in with the code flow and PKCE: ID token (PS256) with acr and amr, userinfo', async () => {
      const browser = t.client();
      const { config, back, verifier, state, nonce } = await codeFlow('basic-app', browser);
      const tokens = await oidc.authorizationCodeGrant(config, back, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      expect(claims).toMatchObject({ iss: ISSUER, sub: uid, aud: 'basic-app', acr: 'BASIC', amr: ['pwd'] });
      expect(JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString()).alg).toBe('PS256');
      const info = await oidc.fetchUserInfo(config, tokens.access_token, uid);
      expect(info).toMatchObject({ sub: uid, email, email_verified: true, given_name: 'Olga', family_name: 'Berg' });
      // The code is single use.
      await expect(
        oidc.authorizationCodeGrant(config, back, {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: nonce,
        }),
      ).rejects.toMatchObject({ error: 'invalid_grant' });
    });
  });
}
