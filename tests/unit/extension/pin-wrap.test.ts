/** The PIN-wrapped secret, with Node's real WebCrypto. */
import { describe, expect, it } from 'vitest';
import { base64url } from '../../../src/core/encoding';
import { unwrapSecret, wrapSecret } from '../../../src/extension/vault/pin-wrap';

const secret = () => globalThis.crypto.getRandomValues(new Uint8Array(32));
const FAST = 1000; // iterations: the property under test does not depend on the cost

describe('PIN-wrapped secret (no check value)', () => {
  it('unwraps with the right PIN', async () => {
    const key = secret();
    expect(await unwrapSecret(await wrapSecret(key, '4821', FAST), '4821')).toEqual(key);
  });

  it('holds no plaintext: neither the secret nor the PIN appear in what is stored', async () => {
    const key = secret();
    const stored = JSON.stringify(await wrapSecret(key, '4821', FAST));
    expect(stored).not.toContain(base64url(key));
    expect(stored).not.toContain('4821');
    expect(stored).not.toContain(Buffer.from(key).toString('hex'));
  });

  it('decrypts every wrong PIN to a different secret of the same length, without any error', async () => {
    const key = secret();
    const wrapped = await wrapSecret(key, '4821', FAST);
    const wrong = ['0000', '4822', '1284', '9999'];
    const results = await Promise.all(wrong.map((pin) => unwrapSecret(wrapped, pin)));
    for (const result of results) {
      expect(result).toHaveLength(32);
      expect(result).not.toEqual(key);
    }
    expect(new Set(results.map((r) => base64url(r))).size).toBe(wrong.length);
  });

  it('cannot tell the right PIN from the wrong ones without the server: all 10,000 candidates look alike', async () => {
    // Nothing in the record distinguishes the right unwrap: it is uniform random bytes like all others.
    const wrapped = await wrapSecret(secret(), '4821', 1);
    expect(Object.keys(wrapped).sort()).toEqual(['ciphertext', 'counter', 'iterations', 'kdf', 'salt']);
    expect(wrapped.ciphertext).toHaveLength(43); // exactly the secret's length: no tag, no padding
  });

  it('salts and randomises every wrap', async () => {
    const key = secret();
    const [a, b] = await Promise.all([wrapSecret(key, '4821', FAST), wrapSecret(key, '4821', FAST)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });
});
