/**
 * The relying parties the configuration registers: CAS services (CAS_SERVICES) and OpenID Connect
 * clients (OIDC_CLIENTS, docs/oidc.md), each list validated at start with one clear line naming
 * the first mistake.
 */
import { z } from 'zod';
import { ConfigError } from './config-error';
import { isLoopbackHost } from './loopback-address';

export const STRENGTHS = ['PASSWORD', 'PASSWORD_SOFTWARE_TOKEN', 'PASSWORD_MOBILE_APP', 'PASSWORD_WEBAUTHN'] as const;
export type Strength = (typeof STRENGTHS)[number];

/** EU Login's authentication levels, as OpenID Connect `acr` values (docs/oidc.md). */
export const LEVELS = ['BASIC', 'MEDIUM', 'HIGH'] as const;
export type Level = (typeof LEVELS)[number];

const casServices = z.array(
  z.strictObject({
    name: z.string().min(1).max(100),
    url: z.url({ protocol: /^https?$/ }),
    minStrength: z.enum(STRENGTHS).default('PASSWORD'),
  }),
);

export interface CasService {
  name: string;
  /** Service URLs must start with this (same origin, path prefix). */
  url: string;
  minStrength: Strength;
}

/** The client authentication methods of OpenID Connect Core §9, and `none` for a public client (PKCE required). */
const AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'none',
] as const;

const oidcClient = z
  .strictObject({
    client_id: z.string().regex(/^[A-Za-z0-9._~-]{1,100}$/, 'must be 1–100 letters, digits or ._~-'),
    client_name: z.string().min(1).max(100),
    /** At least 32 characters: client_secret_jwt signs with it (HS256 needs 256 bits). */
    client_secret: z.string().min(32).max(512).optional(),
    token_endpoint_auth_method: z.enum(AUTH_METHODS).default('client_secret_basic'),
    jwks: z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) }).optional(),
    jwks_uri: z.url({ protocol: /^https$/ }).optional(),
    redirect_uris: z.array(z.url()).min(1).max(20),
    post_logout_redirect_uris: z.array(z.url()).max(20).default([]),
    /** The weakest level the client accepts; `acr_values` may ask for more. */
    level: z.enum(LEVELS).default('MEDIUM'),
    /** Sidekey's own applications: no consent asked. */
    first_party: z.boolean().default(false),
    id_token_signed_response_alg: z.enum(['PS256', 'ES256', 'RS256', 'PS512']).default('PS256'),
  })
  .check((ctx) => {
    const c = ctx.value;
    const secretMethod = c.token_endpoint_auth_method.startsWith('client_secret');
    if (secretMethod && !c.client_secret)
      ctx.issues.push({
        code: 'custom',
        message: `needs a client_secret for ${c.token_endpoint_auth_method}`,
        input: c,
      });
    if (!secretMethod && c.client_secret)
      ctx.issues.push({ code: 'custom', message: 'has a client_secret its method does not use', input: c });
    if (c.token_endpoint_auth_method === 'private_key_jwt' && !c.jwks === !c.jwks_uri)
      ctx.issues.push({ code: 'custom', message: 'needs either jwks or jwks_uri for private_key_jwt', input: c });
  });

export type OidcClientConfig = z.infer<typeof oidcClient>;

function parseList<T>(name: string, raw: string | undefined, schema: z.ZodType<T[]>): T[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(`invalid configuration: ${name} must be a JSON list`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid configuration: ${name}[${issue.path.join('.')}] ${issue.message}`);
  }
  return parsed.data;
}

export function parseCasServices(raw: string | undefined): CasService[] {
  return parseList('CAS_SERVICES', raw, casServices);
}

/**
 * A redirect URI a production server may send codes to: https, or http on this machine's loopback
 * (a native app, RFC 8252 §7.3); never a wildcard or a fragment (OpenID Connect Core §3.1.2.1).
 */
function redirectProblem(uri: string, production: boolean): string | null {
  const url = new URL(uri);
  if (url.hash || uri.includes('#')) return 'must not have a fragment';
  if (uri.includes('*')) return 'must not hold a wildcard';
  if (!production) return null;
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ''))))
    return null;
  return 'must be https in production mode';
}

export function parseOidcClients(raw: string | undefined, mode: string): OidcClientConfig[] {
  const clients = parseList('OIDC_CLIENTS', raw, z.array(oidcClient).max(200));
  const seen = new Set<string>();
  clients.forEach((client, i) => {
    if (seen.has(client.client_id))
      throw new ConfigError(`invalid configuration: OIDC_CLIENTS[${i}.client_id] is given twice`);
    seen.add(client.client_id);
    for (const field of ['redirect_uris', 'post_logout_redirect_uris'] as const)
      client[field].forEach((uri, j) => {
        const problem = redirectProblem(uri, mode === 'production');
        if (problem) throw new ConfigError(`invalid configuration: OIDC_CLIENTS[${i}.${field}.${j}] ${problem}`);
      });
  });
  return clients;
}

/** OIDC_SIGNING_KEYS: a JWKS of private RSA and P-256 keys (never echoed: it is a secret). */
export function parseSigningKeys(raw: string | undefined): { keys: Record<string, unknown>[] } | undefined {
  if (!raw) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError('invalid configuration: OIDC_SIGNING_KEYS must be a JSON Web Key Set');
  }
  const keys = (json as { keys?: unknown })?.keys;
  const usable = (k: unknown) => {
    const key = k as Record<string, unknown>;
    return (
      typeof key === 'object' && key !== null && typeof key.d === 'string' && (key.kty === 'RSA' || key.crv === 'P-256')
    );
  };
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    !keys.every(usable) ||
    !keys.some((k) => (k as { kty: string }).kty === 'RSA')
  )
    throw new ConfigError(
      'invalid configuration: OIDC_SIGNING_KEYS must hold private keys only, RSA or P-256, at least one RSA (PS256 is the default)',
    );
  return { keys: keys as Record<string, unknown>[] };
}
