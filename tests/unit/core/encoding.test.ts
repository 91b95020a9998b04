/** RFC 4648 §10's test vectors for the encodings every part shares (src/core/encoding.ts). */
import { describe, expect, it } from 'vitest';
import { base64, base64url, fromBase64, fromBase64url, fromHex, hex } from '../../../src/core/encoding';

const VECTORS: [string, string, string][] = [
  ['', '', ''],
  ['f', 'Zg==', '66'],
  ['fo', 'Zm8=', '666F'],
  ['foo', 'Zm9v', '666F6F'],
  ['foob', 'Zm9vYg==', '666F6F62'],
  ['fooba', 'Zm9vYmE=', '666F6F6261'],
  ['foobar', 'Zm9vYmFy', '666F6F626172'],
];

describe('RFC 4648 §10', () => {
  it.each(VECTORS)('"%s" → %s, %s', (text, b64, b16) => {
    const bytes = new TextEncoder().encode(text);
    expect(base64(bytes)).toBe(b64);
    expect(fromBase64(b64)).toEqual(bytes);
    expect(fromBase64(b64.replace(/=+$/, ''))).toEqual(bytes);
    expect(hex(bytes)).toBe(b16.toLowerCase());
    expect(fromHex(b16)).toEqual(bytes);
    expect(fromBase64url(base64url(bytes))).toEqual(bytes);
  });

  it('refuses what is not its alphabet or not whole', () => {
    for (const bad of ['Zm9v!', 'Z', 'Zm9v====', 'Zm-_']) expect(() => fromBase64(bad)).toThrow(TypeError);
    for (const bad of ['6', '6g', '66 6F']) expect(() => fromHex(bad)).toThrow(TypeError);
    expect(() => fromBase64url('Zm9v+/')).toThrow(TypeError);
  });
});
