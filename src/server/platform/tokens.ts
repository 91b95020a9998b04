/**
 * Bearer tokens (e-mail links, sessions, CAS tickets, captcha ids): 256 random
 * bits from the CSPRNG, sent as base64url; only their SHA-256 is stored, so a
 * copy of the database cannot be replayed. (The Copenhagen Book, "Tokens".)
 */
import crypto from 'node:crypto';

export const TOKEN_BYTES = 32;

export function newToken(bytes = TOKEN_BYTES): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two strings in time independent of where they differ (both are hashed to equal length first). */
export function safeEqual(a: string, b: string): boolean {
  return crypto.timingSafeEqual(
    crypto.createHash('sha256').update(a).digest(),
    crypto.createHash('sha256').update(b).digest(),
  );
}

/** A shape check before any lookup: refuses junk without touching the store. */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22,64}$/.test(value);
}
