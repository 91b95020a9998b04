/**
 * Steam Guard codes against an implementation that is not ours: the `steam-totp` library (the one
 * node-steam-user uses, HMAC from node:crypto), for every way a Steam account reaches Sidekey.
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STEAM_ALPHABET, steamCode } from '../../../src/core/otp/steam';
import { formatOtpauthUri, otpCode, parseOtpauthUri } from '../../../src/core/otp/otpauth-uri';
import { Secret } from 'otpauth';

const steamTotp = createRequire(import.meta.url)('steam-totp') as {
  generateAuthCode(secret: Buffer, timeOffset?: number): string;
};

/** steam-totp's code at `seconds` (it reads the clock itself: the offset moves it there). */
function theirs(secret: Uint8Array, seconds: number): string {
  return steamTotp.generateAuthCode(Buffer.from(secret), seconds - Math.floor(Date.now() / 1000));
}

describe('Steam codes', () => {
  it('match steam-totp for 200 random secrets and times', () => {
    for (let i = 0; i < 200; i++) {
      const secret = new Uint8Array(randomBytes(20));
      // The middle of a 30-second step, so a second ticking during the call changes nothing.
      const seconds = (1_600_000_000 + i * 7919) * 30 + 15;
      const code = steamCode(secret, seconds * 1000);
      expect(code).toMatch(new RegExp(`^[${STEAM_ALPHABET}]{5}$`));
      expect(code).toBe(theirs(secret, seconds));
    }
  });

  const secret = new Uint8Array(randomBytes(20));
  const base32 = new Secret({ buffer: secret.slice().buffer }).base32;
  const now = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
  it.each([
    [`otpauth://steam/Steam:anna?secret=${base32}&issuer=Steam`, 'Aegis, 2FAS, Ente'],
    [`otpauth://totp/Steam:anna?secret=${base32}&encoder=steam`, 'encoder=steam'],
    [`otpauth://totp/Steam:anna?secret=${base32}&issuer=Steam&digits=5`, 'issuer Steam, 5 digits'],
    [`steam://${base32}`, "Bitwarden's steam://"],
  ])('%s (%s) is a Steam account with steam-totp’s code', (uri) => {
    const account = parseOtpauthUri(uri);
    expect(account).toMatchObject({ kind: 'steam', issuer: 'Steam', digits: 5, period: 30, algorithm: 'SHA1' });
    expect(otpCode(account, { timestamp: now })).toBe(theirs(secret, now / 1000));
  });

  it('keeps Steam’s own parameters whatever the URI says, and writes it back as Aegis does', () => {
    const account = parseOtpauthUri(`otpauth://steam/Valve:bob?secret=${base32}&digits=8&algorithm=SHA512&period=60`);
    expect(account).toMatchObject({ kind: 'steam', issuer: 'Valve', label: 'bob', digits: 5, period: 30 });
    const again = parseOtpauthUri(formatOtpauthUri(account));
    expect(again).toEqual(account);
    expect(formatOtpauthUri(account)).toMatch(/^otpauth:\/\/steam\//);
  });

  it('an issuer named Steam with 6 digits stays TOTP', () => {
    expect(parseOtpauthUri(`otpauth://totp/Steam:anna?secret=${base32}`).kind).toBe('totp');
  });

  it('steam:// with anything but base32 is refused', () => {
    expect(() => parseOtpauthUri('steam://not*base32')).toThrow();
    expect(() => parseOtpauthUri('steam://')).toThrow();
  });
});
