/** Biometric unlock's wrapping: only the right PRF output (and account) opens it, and nothing is stored in clear. */
import { describe, expect, it } from 'vitest';
import { base64url, fromBase64url } from '../../../src/core/encoding';
import { unwrapWithBiometric, wrapForBiometric } from '../../../src/extension/vault/biometric-wrap';

const secret = () => globalThis.crypto.getRandomValues(new Uint8Array(32));
const prf = () => globalThis.crypto.getRandomValues(new Uint8Array(32));

describe('biometric wrap', () => {
  it('opens with the PRF output it was wrapped with, for that account', async () => {
    const key = secret();
    const output = prf();
    const unlock = await wrapForBiometric(key, output, 'account-1', 'cred', base64url(prf()));
    expect(await unwrapWithBiometric(unlock, output, 'account-1')).toEqual(key);
    expect(unlock).toMatchObject({ credentialId: 'cred' });
  });

  it('refuses another PRF output or another account (AES-GCM tag), never yielding a wrong key', async () => {
    const output = prf();
    const unlock = await wrapForBiometric(secret(), output, 'account-1', 'cred', base64url(prf()));
    await expect(unwrapWithBiometric(unlock, prf(), 'account-1')).rejects.toThrow();
    await expect(unwrapWithBiometric(unlock, output, 'account-2')).rejects.toThrow();
  });

  it('stores no part of the key in clear', async () => {
    const key = secret();
    const unlock = await wrapForBiometric(key, prf(), 'account-1', 'cred', base64url(prf()));
    const stored = fromBase64url(unlock.ciphertext);
    expect(stored.length).toBe(key.length + 16);
    expect(Buffer.from(stored).includes(Buffer.from(key.subarray(0, 8)))).toBe(false);
    expect(JSON.stringify(unlock)).not.toContain(base64url(key));
  });
});
