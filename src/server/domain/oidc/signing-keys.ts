/**
 * The OpenID Provider's signing keys, as a private JWKS (RFC 7517): configured (OIDC_SIGNING_KEYS)
 * in production and whenever several instances serve one issuer; in development generated once
 * into DATA_DIR/oidc-keys.json (mode 0600), like the server key. An RSA key signs PS256 (the
 * default), RS256 and PS512; a P-256 key signs ES256. Rotation (docs/oidc.md): put the new keys
 * first — the first key of a kind signs — and keep the old ones after them until the tokens they
 * signed have expired: the JWKS still publishes them for verification.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from '../../platform/config';

export interface PrivateJwks {
  keys: Record<string, unknown>[];
}

function newKey(type: 'rsa' | 'ec'): Record<string, unknown> {
  const { privateKey } =
    type === 'rsa'
      ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
      : crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  // RFC 7638 thumbprint of the public members as the key id.
  const members = type === 'rsa' ? { e: jwk.e, kty: 'RSA', n: jwk.n } : { crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y };
  const kid = crypto.createHash('sha256').update(JSON.stringify(members)).digest('base64url');
  return { ...jwk, kid, use: 'sig' };
}

/** Test servers' keys: made once a process, never written (their DATA_DIR is not theirs to write). */
let testKeys: PrivateJwks | undefined;

export function signingKeys(config: ServerConfig): PrivateJwks {
  if (config.oidcSigningKeys) return config.oidcSigningKeys;
  if (config.mode === 'production') throw new TypeError('OIDC_SIGNING_KEYS is required in production');
  if (config.mode === 'test') return (testKeys ??= { keys: [newKey('rsa'), newKey('ec')] });
  const file = path.join(config.dataDir, 'oidc-keys.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as PrivateJwks;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const jwks = { keys: [newKey('rsa'), newKey('ec')] };
  try {
    fs.writeFileSync(file, `${JSON.stringify(jwks)}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    // Another process wrote it first (two instances starting at once): theirs is the one.
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PrivateJwks;
  }
  return jwks;
}
