/**
 * The reference server's configuration, read from the environment and
 * validated in one place. A bad value stops start-up with one line that names
 * the setting (ConfigError), never a stack trace.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { DEVELOPMENT_CHROME_ORIGIN, FIREFOX_WEBAUTHN_ORIGIN } from '../../core/development-extension';
import { isLoopbackHost } from './loopback-address';
import { refuseWeakProduction } from './production-settings';
import {
  parseCasServices,
  parseOidcClients,
  parseSigningKeys,
  type CasService,
  type OidcClientConfig,
} from './relying-parties';

export { ConfigError } from './config-error';
import { ConfigError } from './config-error';

const PORT_ERROR = 'must be a whole number from 0 to 65535';
const port = z.coerce.number({ error: PORT_ERROR }).int(PORT_ERROR).min(0, PORT_ERROR).max(65535, PORT_ERROR);
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const logLevel = z.enum(LEVELS, { error: `must be one of ${LEVELS.join(', ')}` });

const schema = z.object({
  /** development: the embedded store and dev outbox; production: refuses test-only switches. */
  SIDEKEY_MODE: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  HOST: z.string().min(1).default('localhost'),
  /** 1: development mode may listen on a non-loopback HOST (refused otherwise: the outbox shows every mail). */
  ALLOW_REMOTE_DEVELOPMENT: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0'),
  PORT: port.default(8080),
  /** The origin users (and the extension) see; QR codes and e-mail links name it. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
    .refine(
      // A value that is no URL at all (login.example.test) fails the check above; this one must not throw.
      (value) => URL.canParse(value) && new URL(value).pathname === '/',
      'must be an origin without a path, such as https://login.example.eu',
    )
    .optional(),
  DATA_DIR: z.string().min(1).default('data'),
  /** postgres://… selects PostgreSQL; unset means the embedded SQLite store under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: logLevel.default('info'),
  /** smtp://user:pass@host:port or smtps://…; unset: the development outbox under DATA_DIR. */
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('EU Login (Sidekey) <no-reply@localhost>'),
  /** 1: the captcha answer is exposed to tests. Refused in production. */
  CAPTCHA_TEST_MODE: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0'),
  /** JSON list of relying parties: [{"name":"…","url":"https://rp.example/","minStrength":"PASSWORD"}]. */
  CAS_SERVICES: z.string().optional(),
  /** JSON list of OpenID Connect clients (docs/oidc.md). */
  OIDC_CLIENTS: z.string().optional(),
  /** The OpenID Provider's private JWKS (RSA and P-256 keys); required in production when OIDC_CLIENTS is set. */
  OIDC_SIGNING_KEYS: z.string().optional(),
  /** The WebAuthn relying party ID (a registrable domain of PUBLIC_URL's host); default: that host. */
  WEBAUTHN_RP_ID: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'must be a domain name such as example.eu')
    .optional(),
  /**
   * Origins besides PUBLIC_URL whose WebAuthn ceremonies are accepted, comma-separated: the
   * extension's own origins (chrome-extension://<id>, Firefox's FIREFOX_WEBAUTHN_ORIGIN) when it brokers credentials.
   */
  WEBAUTHN_EXTRA_ORIGINS: z
    .string()
    .refine(
      (value) =>
        value.split(',').every((o) => /^(https?|chrome-extension|moz-extension):\/\/[A-Za-z0-9.:-]+$/.test(o.trim())),
      'must be a comma-separated list of origins (https://…, chrome-extension://…, moz-extension://…)',
    )
    .optional(),
  /** required: refuse authenticators whose attestation cannot be verified (none or self-attested). */
  WEBAUTHN_ATTESTATION: z.enum(['optional', 'required'], { error: 'must be optional or required' }).default('optional'),
  /**
   * The reverse proxies in front (comma-separated addresses or CIDR ranges): the client address is
   * then the one they report in X-Forwarded-For (the rightmost not theirs). Never everyone.
   */
  TRUST_PROXY: z
    .string()
    .refine(
      (value) => value.split(',').every((entry) => isProxyRange(entry.trim())),
      'must be a comma-separated list of proxy addresses or CIDR ranges, such as 10.0.0.5,10.1.0.0/16 (never everyone)',
    )
    .optional(),
  /** 32 bytes, base64: encrypts server-side secrets at rest. Development: generated into DATA_DIR/secret.key. */
  SIDEKEY_SECRET_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, 'base64').length === 32,
      'must be 32 bytes in base64 (openssl rand -base64 32)',
    )
    .optional(),
});

/** An address or CIDR range that names some proxies and not the whole Internet. */
function isProxyRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  // /0 is everyone; anything wider than a /8 (IPv4) or /16 (IPv6) is not a set of proxies.
  return version === 4 ? bits >= 8 && bits <= 32 : bits >= 16 && bits <= 128;
}

export { STRENGTHS, type CasService, type OidcClientConfig, type Strength } from './relying-parties';

export interface ServerConfig {
  mode: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Origin without a trailing slash. */
  publicUrl: string;
  dataDir: string;
  store: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  logLevel: z.infer<typeof logLevel>;
  mail: { smtpUrl?: string; from: string };
  captchaTestMode: boolean;
  /** Registered relying parties; the demo relying party (/europass/) is always one of them. */
  casServices: CasService[];
  /** OpenID Connect clients (OIDC_CLIENTS; docs/oidc.md). */
  oidcClients: OidcClientConfig[];
  /** The OpenID Provider's signing keys, when configured (domain/oidc/signing-keys.ts). */
  oidcSigningKeys?: { keys: Record<string, unknown>[] };
  /** The server key, when configured; otherwise main.ts uses DATA_DIR/secret.key outside production. */
  secretKey?: Uint8Array;
  webauthn: { rpId: string; origins: string[]; attestation: 'optional' | 'required' };
  /** The reverse proxies whose X-Forwarded-For is believed; none: the peer address is the client's. */
  trustProxy: string[];
}

/** Reads configuration from an environment; throws ConfigError naming the first bad setting. */
export function loadConfig(env: Record<string, string | undefined>): ServerConfig {
  // An empty variable means "not set", as in most twelve-factor tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    const got = present[name];
    // Never echo a DATABASE_URL (it may carry a password) or the secret key.
    const shown =
      got === undefined || name === 'DATABASE_URL' || name === 'SIDEKEY_SECRET_KEY'
        ? ''
        : ` (got "${got.slice(0, 80)}")`;
    throw new ConfigError(`invalid configuration: ${name} ${issue.message}${shown}`);
  }
  const c = parsed.data;
  if (c.SIDEKEY_MODE === 'production' && !c.PUBLIC_URL) {
    throw new ConfigError('invalid configuration: PUBLIC_URL must be set in production mode');
  }
  if (c.PORT === 0 && !c.PUBLIC_URL) {
    throw new ConfigError(
      'invalid configuration: PUBLIC_URL must be set when PORT is 0 (the port is not known in advance)',
    );
  }
  if (c.SIDEKEY_MODE === 'production' && c.CAPTCHA_TEST_MODE === '1') {
    throw new ConfigError('invalid configuration: CAPTCHA_TEST_MODE must not be 1 in production mode');
  }
  if (c.SIDEKEY_MODE === 'production' && !c.SIDEKEY_SECRET_KEY) {
    throw new ConfigError('invalid configuration: SIDEKEY_SECRET_KEY must be set in production mode');
  }
  const services = parseCasServices(c.CAS_SERVICES);
  const oidcClients = parseOidcClients(c.OIDC_CLIENTS, c.SIDEKEY_MODE);
  const oidcSigningKeys = parseSigningKeys(c.OIDC_SIGNING_KEYS);
  if (c.SIDEKEY_MODE === 'production' && oidcClients.length > 0 && !oidcSigningKeys)
    throw new ConfigError(
      'invalid configuration: OIDC_SIGNING_KEYS must be set in production mode when OIDC_CLIENTS is',
    );
  if (c.SIDEKEY_MODE === 'production') refuseWeakProduction(c, services);
  if (c.CAPTCHA_TEST_MODE === '1' && !isLoopbackHost(c.HOST)) {
    throw new ConfigError(
      `invalid configuration: CAPTCHA_TEST_MODE must not be 1 when HOST ${c.HOST} is reachable from other machines (the picture code's answer would be in every page)`,
    );
  }
  if (c.SIDEKEY_MODE === 'production' && !c.SMTP_URL) {
    throw new ConfigError(
      'invalid configuration: SMTP_URL must be set in production mode (the outbox is for development)',
    );
  }
  if (c.SIDEKEY_MODE === 'development' && !isLoopbackHost(c.HOST) && c.ALLOW_REMOTE_DEVELOPMENT !== '1') {
    throw new ConfigError(
      `invalid configuration: HOST ${c.HOST} is reachable from other machines, and development mode keeps a mail outbox with every password link; listen on localhost, use SIDEKEY_MODE=production, or set ALLOW_REMOTE_DEVELOPMENT=1 (development facilities still answer this machine only)`,
    );
  }
  const dataDir = path.resolve(c.DATA_DIR);
  const shownHost = c.HOST === '0.0.0.0' || c.HOST === '::' ? 'localhost' : isIP(c.HOST) === 6 ? `[${c.HOST}]` : c.HOST; // RFC 3986 §3.2.2
  const publicUrl = (c.PUBLIC_URL ?? `http://${shownHost}:${c.PORT}`).replace(/\/$/, '');
  const host = new URL(publicUrl).hostname;
  if (c.WEBAUTHN_RP_ID && host !== c.WEBAUTHN_RP_ID && !host.endsWith(`.${c.WEBAUTHN_RP_ID}`)) {
    // WebAuthn §5.1.3 / HTML "is a registrable domain suffix": the RP ID must be the host or a parent of it.
    throw new ConfigError(`invalid configuration: WEBAUTHN_RP_ID must be ${host} or a parent domain of it`);
  }
  return {
    mode: c.SIDEKEY_MODE,
    host: c.HOST,
    port: c.PORT,
    publicUrl,
    dataDir,
    store: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'sidekey.sqlite') },
    logLevel: c.LOG_LEVEL,
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM },
    captchaTestMode: c.CAPTCHA_TEST_MODE === '1',
    trustProxy: c.TRUST_PROXY?.split(',').map((entry) => entry.trim()) ?? [],
    ...(c.SIDEKEY_SECRET_KEY && { secretKey: new Uint8Array(Buffer.from(c.SIDEKEY_SECRET_KEY, 'base64')) }),
    webauthn: {
      rpId: c.WEBAUTHN_RP_ID ?? new URL(publicUrl).hostname,
      origins: [
        publicUrl,
        // The development build's fixed Chrome id and Firefox's origin for our add-on id, so the popup
        // registers authenticators after `npm start` in either browser.
        ...(c.SIDEKEY_MODE === 'development' ? [DEVELOPMENT_CHROME_ORIGIN, FIREFOX_WEBAUTHN_ORIGIN] : []),
        ...(c.WEBAUTHN_EXTRA_ORIGINS?.split(',').map((o) => o.trim()) ?? []),
      ],
      attestation: c.WEBAUTHN_ATTESTATION,
    },
    casServices: [{ name: 'Europass (demo)', url: `${publicUrl}/europass/`, minStrength: 'PASSWORD' }, ...services],
    oidcClients,
    ...(oidcSigningKeys && { oidcSigningKeys }),
  };
}
