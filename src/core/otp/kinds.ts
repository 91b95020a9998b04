/**
 * The kinds of one-time code Sidekey computes: TOTP (RFC 6238), HOTP (RFC 4226), and Steam Guard's
 * TOTP written in letters (steam.ts). Kept apart from the readers so the message contract can name
 * them without loading them.
 */
export const OTP_KINDS = ['totp', 'hotp', 'steam'] as const;
export type OtpKind = (typeof OTP_KINDS)[number];

/** The kinds whose code follows the clock (the list counts down; HOTP waits to be asked). */
export const isTimeBased = (kind: OtpKind) => kind !== 'hotp';

/** A shown code: digits, or Steam's letters and digits (5–8 characters). */
export const CODE_PATTERN = /^[0-9A-Z]{5,8}$/;

/** The HMACs of RFC 6238 §1.2 (SHA-1, SHA-256, SHA-512). */
export const OTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type OtpAlgorithm = (typeof OTP_ALGORITHMS)[number];
