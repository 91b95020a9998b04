import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../../src/server/platform/secret-box';

describe('secret box (AES-256-GCM at rest)', () => {
  const box = createSecretBox(new Uint8Array(32).fill(9));
  const secret = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);

  it('round-trips, with a fresh nonce each time', () => {
    const a = box.seal(secret, 'device-1');
    expect(box.seal(secret, 'device-1')).not.toBe(a);
    expect(box.open(a, 'device-1')).toEqual(secret);
  });

  it('refuses a ciphertext moved to another record, tampered, or under another key', () => {
    const sealed = box.seal(secret, 'device-1');
    expect(() => box.open(sealed, 'device-2')).toThrow();
    const [v, n, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => box.open([v, n, flipped.toString('base64url'), tag].join('.'), 'device-1')).toThrow();
    expect(() => createSecretBox(new Uint8Array(32).fill(8)).open(sealed, 'device-1')).toThrow();
    expect(() => box.open('garbage', 'device-1')).toThrow('Not a sealed secret');
  });

  it('refuses a key of the wrong size', () => {
    expect(() => createSecretBox(new Uint8Array(16))).toThrow(TypeError);
  });
});
