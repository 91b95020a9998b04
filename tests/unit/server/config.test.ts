import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEVELOPMENT_CHROME_EXTENSION_ID,
  DEVELOPMENT_CHROME_ORIGIN,
  DEVELOPMENT_EXTENSION_KEY,
  FIREFOX_ADDON_ID,
  FIREFOX_WEBAUTHN_ORIGIN,
} from '../../../src/core/development-extension';
import { ConfigError, loadConfig } from '../../../src/server/platform/config';
import { looksWeak } from '../../../src/server/platform/production-settings';

/** A key as `openssl rand -base64 32` makes one. */
const RANDOM_KEY = randomBytes(32).toString('base64');

describe('loadConfig', () => {
  it('defaults to the embedded SQLite store in ./data, development mode, localhost:8080', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'development',
      host: 'localhost',
      port: 8080,
      publicUrl: 'http://localhost:8080',
    });
    expect(config.store).toEqual({ kind: 'sqlite', file: path.resolve('data', 'sidekey.sqlite') });
  });

  it('selects PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }).store).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/x',
    });
  });

  it('refuses to listen beyond loopback in development mode unless told explicitly', () => {
    for (const HOST of ['0.0.0.0', '::', '192.0.2.7', 'login.example.eu']) {
      expect(() => loadConfig({ HOST })).toThrow(
        new RegExp(
          `^invalid configuration: HOST ${HOST.replace(/\./g, '\\.')} is reachable from other machines.*ALLOW_REMOTE_DEVELOPMENT=1`,
        ),
      );
      expect(loadConfig({ HOST, ALLOW_REMOTE_DEVELOPMENT: '1' }).host).toBe(HOST);
      expect(loadConfig({ HOST, SIDEKEY_MODE: 'test' }).host).toBe(HOST);
    }
    for (const HOST of ['localhost', '127.0.0.1', '127.0.1.1', '::1', 'app.localhost']) {
      expect(loadConfig({ HOST }).host).toBe(HOST);
    }
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://[::1]:8080');
    expect(() => loadConfig({ ALLOW_REMOTE_DEVELOPMENT: 'yes' })).toThrow(
      'invalid configuration: ALLOW_REMOTE_DEVELOPMENT must be 0 or 1 (got "yes")',
    );
  });

  it("accepts the development build's fixed Chrome and Firefox origins for WebAuthn in development mode only", () => {
    expect(loadConfig({}).webauthn.origins).toEqual([
      'http://localhost:8080',
      DEVELOPMENT_CHROME_ORIGIN,
      FIREFOX_WEBAUTHN_ORIGIN,
    ]);
    expect(loadConfig({ SIDEKEY_MODE: 'test' }).webauthn.origins).toEqual(['http://localhost:8080']);
  });

  it('derives the development Chrome id from the manifest key as Chrome does', () => {
    const digest = createHash('sha256').update(Buffer.from(DEVELOPMENT_EXTENSION_KEY, 'base64')).digest('hex');
    const id = [...digest.slice(0, 32)].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
    expect(id).toBe(DEVELOPMENT_CHROME_EXTENSION_ID);
    expect(DEVELOPMENT_CHROME_ORIGIN).toBe(`chrome-extension://${id}`);
  });

  it('derives the Firefox WebAuthn origin from the add-on id as Firefox does (SHA-256 in the letters a–p)', () => {
    const digest = createHash('sha256').update(FIREFOX_ADDON_ID).digest('hex');
    const letters = [...digest].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
    expect(FIREFOX_WEBAUTHN_ORIGIN).toBe(`moz-extension://${letters}`);
    expect(letters).toMatch(/^alleakjg[a-p]{52}pdpk$/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8080, store: { kind: 'sqlite' } });
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://login.example.eu/' }).publicUrl).toBe('https://login.example.eu');
  });

  it.each([
    [{ PORT: 'abc' }, 'invalid configuration: PORT must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'invalid configuration: PORT must be a whole number from 0 to 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'invalid configuration: PORT must be a whole number from 0 to 65535 (got "80.5")'],
    [
      { SIDEKEY_MODE: 'prod' },
      'invalid configuration: SIDEKEY_MODE must be development, production or test (got "prod")',
    ],
    [{ PUBLIC_URL: 'ftp://x' }, 'invalid configuration: PUBLIC_URL must be an http or https URL (got "ftp://x")'],
    [{ PUBLIC_URL: 'https://x/cas' }, /PUBLIC_URL must be an origin without a path/],
    [{ LOG_LEVEL: 'loud' }, /^invalid configuration: LOG_LEVEL must be one of fatal, error/],
    [{ SIDEKEY_MODE: 'production' }, 'invalid configuration: PUBLIC_URL must be set in production mode'],
    [{ PORT: '0' }, /PUBLIC_URL must be set when PORT is 0/],
  ])('refuses %o with one line naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a DATABASE_URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://admin:s3cret@db/x' })).toThrow(
      /^invalid configuration: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/$/,
    );
  });

  it('cuts an absurdly long value in the message to one short line', () => {
    try {
      loadConfig({ PORT: '9'.repeat(5000) });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('loadConfig: mail, captcha and relying parties', () => {
  it('refuses the captcha test mode and the outbox in production', () => {
    const production = {
      SIDEKEY_MODE: 'production',
      PUBLIC_URL: 'https://login.example.eu',
      SMTP_URL: 'smtp://mail',
      SIDEKEY_SECRET_KEY: RANDOM_KEY,
    };
    expect(() => loadConfig({ ...production, SIDEKEY_SECRET_KEY: '' })).toThrow(
      'invalid configuration: SIDEKEY_SECRET_KEY must be set in production mode',
    );
    expect(() => loadConfig({ ...production, SIDEKEY_SECRET_KEY: 'c2hvcnQ=' })).toThrow(
      /^invalid configuration: SIDEKEY_SECRET_KEY must be 32 bytes in base64 \(openssl rand -base64 32\)$/,
    );
    expect(() => loadConfig({ ...production, CAPTCHA_TEST_MODE: '1' })).toThrow(
      'invalid configuration: CAPTCHA_TEST_MODE must not be 1 in production mode',
    );
    expect(() => loadConfig({ ...production, SMTP_URL: '' })).toThrow(/SMTP_URL must be set in production mode/);
    expect(loadConfig(production).captchaTestMode).toBe(false);
  });

  it.each([
    [
      'an all-zero key',
      { SIDEKEY_SECRET_KEY: Buffer.alloc(32).toString('base64') },
      /^invalid configuration: SIDEKEY_SECRET_KEY must be 32 random bytes/,
    ],
    [
      'a repeated-byte key',
      { SIDEKEY_SECRET_KEY: Buffer.alloc(32, 0xa5).toString('base64') },
      /SIDEKEY_SECRET_KEY must be 32 random bytes/,
    ],
    [
      'a key of text',
      { SIDEKEY_SECRET_KEY: Buffer.from('correct horse battery staple 123').toString('base64') },
      /SIDEKEY_SECRET_KEY must be 32 random bytes/,
    ],
    [
      'an http PUBLIC_URL',
      { PUBLIC_URL: 'http://login.example.eu' },
      /^invalid configuration: PUBLIC_URL must be an https:\/\/ URL in production mode/,
    ],
    [
      'a password over plain smtp://',
      { SMTP_URL: 'smtp://user:secret@mail.example.eu:587' },
      /^invalid configuration: SMTP_URL must not send a password over plain smtp:\/\//,
    ],
    [
      'an http relying party',
      { CAS_SERVICES: '[{"name":"RP","url":"http://rp.example/app/"}]' },
      /^invalid configuration: CAS_SERVICES must list https:\/\/ relying parties only/,
    ],
  ])('refuses %s in production, with one line naming the setting', (_what, change, line) => {
    const production = {
      SIDEKEY_MODE: 'production',
      PUBLIC_URL: 'https://login.example.eu',
      SMTP_URL: 'smtps://user:secret@mail.example.eu',
      SIDEKEY_SECRET_KEY: RANDOM_KEY,
    };
    expect(loadConfig(production).mode).toBe('production');
    expect(() => loadConfig({ ...production, ...change })).toThrow(line);
    // What is safe on one's own machine stays allowed in development and test mode.
    expect(() => loadConfig({ ...production, ...change, SIDEKEY_MODE: 'test' })).not.toThrow();
  });

  it('takes STARTTLS with a password when it is required, and plain SMTP without one', () => {
    const production = {
      SIDEKEY_MODE: 'production',
      PUBLIC_URL: 'https://login.example.eu',
      SIDEKEY_SECRET_KEY: RANDOM_KEY,
    };
    expect(loadConfig({ ...production, SMTP_URL: 'smtp://user:secret@mail.example.eu:587?requireTLS=true' }).mode).toBe(
      'production',
    );
    expect(loadConfig({ ...production, SMTP_URL: 'smtp://relay.internal:25' }).mode).toBe('production');
  });

  it('tells a key drawn at random from one a person chose', () => {
    for (let i = 0; i < 1000; i++) expect(looksWeak(randomBytes(32))).toBe(false);
    expect(looksWeak(new Uint8Array(32))).toBe(true);
    expect(looksWeak(new TextEncoder().encode('0123456789abcdef0123456789abcdef'))).toBe(true);
  });

  it('refuses the captcha test mode on an address other machines reach, in any mode', () => {
    expect(() => loadConfig({ SIDEKEY_MODE: 'test', HOST: '0.0.0.0', CAPTCHA_TEST_MODE: '1' })).toThrow(
      /^invalid configuration: CAPTCHA_TEST_MODE must not be 1 when HOST 0\.0\.0\.0 is reachable from other machines/,
    );
    expect(loadConfig({ SIDEKEY_MODE: 'test', HOST: '127.0.0.1', CAPTCHA_TEST_MODE: '1' }).captchaTestMode).toBe(true);
  });

  it('takes the reverse proxies’ addresses and ranges, and never everyone', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::/64' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/64',
    ]);
    for (const everyone of ['true', '*', '0.0.0.0/0', '::/0', '10.0.0.0/7', 'proxy.example', '10.0.0.5/33'])
      expect(() => loadConfig({ TRUST_PROXY: everyone })).toThrow(
        /^invalid configuration: TRUST_PROXY must be a comma-separated list/,
      );
  });

  it('names PUBLIC_URL when it is no URL at all', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'login.example.test' })).toThrow(
      /^invalid configuration: PUBLIC_URL must be an http or https URL \(got "login\.example\.test"\)$/,
    );
  });

  it('always registers the demo relying party, and adds configured ones', () => {
    const config = loadConfig({
      CAS_SERVICES: '[{"name":"RP","url":"https://rp.example/app/","minStrength":"PASSWORD_WEBAUTHN"}]',
    });
    expect(config.casServices).toEqual([
      { name: 'Europass (demo)', url: 'http://localhost:8080/europass/', minStrength: 'PASSWORD' },
      { name: 'RP', url: 'https://rp.example/app/', minStrength: 'PASSWORD_WEBAUTHN' },
    ]);
  });

  it.each([
    ['not json', 'invalid configuration: CAS_SERVICES must be a JSON list'],
    ['{"name":"x"}', /^invalid configuration: CAS_SERVICES\[\] /],
    ['[{"name":"x","url":"ftp://x"}]', /^invalid configuration: CAS_SERVICES\[0\.url\]/],
    [
      '[{"name":"x","url":"https://x/","minStrength":"STRONG"}]',
      /^invalid configuration: CAS_SERVICES\[0\.minStrength\]/,
    ],
  ])('refuses CAS_SERVICES=%s with one line', (value, message) => {
    expect(() => loadConfig({ CAS_SERVICES: value })).toThrow(message);
  });

  const oidcClient = (over: Record<string, unknown> = {}) =>
    JSON.stringify([
      {
        client_id: 'app',
        client_name: 'App',
        client_secret: 'x'.repeat(32),
        redirect_uris: ['https://app.example/cb'],
        ...over,
      },
    ]);

  it('takes OpenID Connect clients with their defaults (MEDIUM, client_secret_basic, PS256, not first-party)', () => {
    expect(loadConfig({ OIDC_CLIENTS: oidcClient() }).oidcClients).toEqual([
      {
        client_id: 'app',
        client_name: 'App',
        client_secret: 'x'.repeat(32),
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: ['https://app.example/cb'],
        post_logout_redirect_uris: [],
        level: 'MEDIUM',
        first_party: false,
        id_token_signed_response_alg: 'PS256',
      },
    ]);
    // A native app's loopback redirect (RFC 8252 §7.3) and a public client with PKCE.
    const native = oidcClient({
      token_endpoint_auth_method: 'none',
      client_secret: undefined,
      redirect_uris: ['http://127.0.0.1:8765/cb'],
    });
    expect(loadConfig({ OIDC_CLIENTS: native }).oidcClients[0]!.token_endpoint_auth_method).toBe('none');
  });

  it.each([
    ['not JSON', 'not json', 'invalid configuration: OIDC_CLIENTS must be a JSON list'],
    [
      'a short secret',
      oidcClient({ client_secret: 'short' }),
      /^invalid configuration: OIDC_CLIENTS\[0\.client_secret\]/,
    ],
    [
      'a secret method without a secret',
      oidcClient({ client_secret: undefined }),
      /^invalid configuration: OIDC_CLIENTS\[0\] needs a client_secret for client_secret_basic$/,
    ],
    [
      'a public client with a secret',
      oidcClient({ token_endpoint_auth_method: 'none' }),
      /OIDC_CLIENTS\[0\] has a client_secret its method does not use/,
    ],
    [
      'private_key_jwt without keys',
      oidcClient({ token_endpoint_auth_method: 'private_key_jwt', client_secret: undefined }),
      /OIDC_CLIENTS\[0\] needs either jwks or jwks_uri for private_key_jwt/,
    ],
    [
      'a wildcard redirect URI',
      oidcClient({ redirect_uris: ['https://*.example/cb'] }),
      /^invalid configuration: OIDC_CLIENTS\[0\.redirect_uris\.0\] must not hold a wildcard$/,
    ],
    [
      'a redirect URI with a fragment',
      oidcClient({ redirect_uris: ['https://app.example/cb#x'] }),
      /OIDC_CLIENTS\[0\.redirect_uris\.0\] must not have a fragment/,
    ],
    ['an unknown level', oidcClient({ level: 'SUPER' }), /^invalid configuration: OIDC_CLIENTS\[0\.level\]/],
    [
      'a field it does not know',
      oidcClient({ grant_types: ['implicit'] }),
      /^invalid configuration: OIDC_CLIENTS\[0\]/,
    ],
    [
      'a client id given twice',
      JSON.stringify([...JSON.parse(oidcClient()), ...JSON.parse(oidcClient())]),
      /OIDC_CLIENTS\[1\.client_id\] is given twice/,
    ],
  ])('refuses OIDC_CLIENTS with %s, in one line', (_what, value, message) => {
    expect(() => loadConfig({ OIDC_CLIENTS: value })).toThrow(message);
  });

  it('in production: https redirect URIs (or a native app’s loopback) and signing keys, or no start', () => {
    const production = {
      SIDEKEY_MODE: 'production',
      PUBLIC_URL: 'https://login.example.eu',
      SMTP_URL: 'smtps://user:secret@mail.example.eu',
      SIDEKEY_SECRET_KEY: RANDOM_KEY,
    };
    const keys = JSON.stringify({ keys: [{ kty: 'RSA', n: 'n', e: 'AQAB', d: 'd' }] });
    expect(() => loadConfig({ ...production, OIDC_CLIENTS: oidcClient() })).toThrow(
      /^invalid configuration: OIDC_SIGNING_KEYS must be set in production mode when OIDC_CLIENTS is$/,
    );
    expect(loadConfig({ ...production, OIDC_CLIENTS: oidcClient(), OIDC_SIGNING_KEYS: keys }).oidcSigningKeys).toEqual(
      JSON.parse(keys),
    );
    expect(() =>
      loadConfig({
        ...production,
        OIDC_SIGNING_KEYS: keys,
        OIDC_CLIENTS: oidcClient({ redirect_uris: ['http://app.example/cb'] }),
      }),
    ).toThrow(/^invalid configuration: OIDC_CLIENTS\[0\.redirect_uris\.0\] must be https in production mode$/);
    expect(
      loadConfig({
        ...production,
        OIDC_SIGNING_KEYS: keys,
        OIDC_CLIENTS: oidcClient({ redirect_uris: ['http://[::1]:9000/cb'] }),
      }).oidcClients,
    ).toHaveLength(1);
    for (const bad of [
      'nope',
      '{"keys":[]}',
      '{"keys":[{"kty":"RSA","n":"n","e":"AQAB"}]}',
      '{"keys":[{"kty":"EC","crv":"P-256","d":"d"}]}',
    ])
      expect(() => loadConfig({ ...production, OIDC_SIGNING_KEYS: bad })).toThrow(
        /^invalid configuration: OIDC_SIGNING_KEYS must /,
      );
    // The keys are a secret: never echoed.
    try {
      loadConfig({ ...production, OIDC_SIGNING_KEYS: '{"keys":[{"kty":"EC","crv":"P-256","d":"TOPSECRET"}]}' });
    } catch (error) {
      expect(String(error)).not.toContain('TOPSECRET');
    }
  });

  it('refuses an SMTP_URL of another scheme', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(
      'invalid configuration: SMTP_URL must start with smtp:// or smtps://',
    );
  });
});

describe('loadConfig: WebAuthn', () => {
  it('takes the RP ID from PUBLIC_URL and accepts that origin, by default', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://login.example.eu', SIDEKEY_MODE: 'test' }).webauthn).toEqual({
      rpId: 'login.example.eu',
      origins: ['https://login.example.eu'],
      attestation: 'optional',
    });
  });

  it('accepts a parent domain as RP ID and the extension’s origins besides', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://login.example.eu',
      WEBAUTHN_RP_ID: 'example.eu',
      WEBAUTHN_EXTRA_ORIGINS:
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop, moz-extension://5e1d6a3e-2c5b-4f0e-9b1a-51de4e7c0001',
      WEBAUTHN_ATTESTATION: 'required',
      SIDEKEY_MODE: 'test',
    });
    expect(config.webauthn).toEqual({
      rpId: 'example.eu',
      origins: [
        'https://login.example.eu',
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'moz-extension://5e1d6a3e-2c5b-4f0e-9b1a-51de4e7c0001',
      ],
      attestation: 'required',
    });
  });

  it.each([
    [{ WEBAUTHN_RP_ID: 'evil.example' }, 'WEBAUTHN_RP_ID must be login.example.eu or a parent domain of it'],
    [{ WEBAUTHN_RP_ID: 'ample.eu' }, 'WEBAUTHN_RP_ID must be login.example.eu or a parent domain of it'],
    [{ WEBAUTHN_RP_ID: 'Example.EU/' }, 'WEBAUTHN_RP_ID must be a domain name'],
    [{ WEBAUTHN_EXTRA_ORIGINS: 'javascript:alert(1)' }, 'WEBAUTHN_EXTRA_ORIGINS must be a comma-separated list'],
    [{ WEBAUTHN_EXTRA_ORIGINS: 'https://ok.example/path' }, 'WEBAUTHN_EXTRA_ORIGINS must be a comma-separated list'],
    [{ WEBAUTHN_ATTESTATION: 'sometimes' }, 'WEBAUTHN_ATTESTATION must be optional or required'],
  ])('refuses %o with one clear line', (env, message) => {
    expect(() => loadConfig({ PUBLIC_URL: 'https://login.example.eu', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_URL: 'https://login.example.eu', ...env })).toThrow(message);
  });
});

describe('logFormat', () => {
  it('is readable in a development terminal and JSON otherwise, unless LOG_FORMAT says', async () => {
    const { logFormat } = await import('../../../src/server/main');
    const development = loadConfig({});
    const production = loadConfig({
      SIDEKEY_MODE: 'production',
      PUBLIC_URL: 'https://login.example.eu',
      SIDEKEY_SECRET_KEY: RANDOM_KEY,
      SMTP_URL: 'smtp://mail.example.eu',
    });
    expect(logFormat(development, true)).toBe('pretty');
    expect(logFormat(development, false)).toBe('json');
    expect(logFormat(production, true)).toBe('json');
    expect(logFormat(production, true, 'pretty')).toBe('pretty');
    expect(logFormat(development, true, 'json')).toBe('json');
    expect(logFormat(development, true, 'yaml')).toBe('pretty');
  });
});
