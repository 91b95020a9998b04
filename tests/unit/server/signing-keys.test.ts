/** The OpenID Provider's signing keys: configured in production, generated once into DATA_DIR in development. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signingKeys } from '../../../src/server/domain/oidc/signing-keys';
import { loadConfig } from '../../../src/server/platform/config';

describe('signing keys', () => {
  it('in development: an RSA and a P-256 key generated once into DATA_DIR (0600), the same at every start', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-keys-'));
    try {
      const config = loadConfig({ SIDEKEY_MODE: 'development', DATA_DIR: dir });
      const first = signingKeys(config);
      expect(first.keys.map((k) => k.kty)).toEqual(['RSA', 'EC']);
      const file = path.join(dir, 'oidc-keys.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(signingKeys(config)).toEqual(first);
      // Usable keys whose kid is the RFC 7638 thumbprint of their public members.
      for (const key of first.keys) {
        const jwk = crypto.createPrivateKey({ key: key as crypto.JsonWebKey, format: 'jwk' });
        const pub = crypto.createPublicKey(jwk).export({ format: 'jwk' }) as Record<string, string>;
        const members =
          pub.kty === 'RSA' ? { e: pub.e, kty: 'RSA', n: pub.n } : { crv: pub.crv, kty: 'EC', x: pub.x, y: pub.y };
        expect(key.kid).toBe(crypto.createHash('sha256').update(JSON.stringify(members)).digest('base64url'));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in production: the configured keys only, never generated', () => {
    const base = { SIDEKEY_MODE: 'development', DATA_DIR: '/nonexistent-sidekey-keys' };
    const keys = { keys: [{ kty: 'RSA', n: 'n', e: 'AQAB', d: 'd', kid: 'k' }] };
    expect(signingKeys(loadConfig({ ...base, OIDC_SIGNING_KEYS: JSON.stringify(keys) }))).toEqual(keys);
    const production = { ...loadConfig(base), mode: 'production' as const };
    expect(() => signingKeys(production)).toThrow('OIDC_SIGNING_KEYS is required in production');
    expect(fs.existsSync('/nonexistent-sidekey-keys')).toBe(false);
  });
});
