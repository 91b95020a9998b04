/**
 * EU Login's password rules, as the user guide states them: "Passwords cannot
 * include your username and must contain at least 8 characters chosen from at
 * least three of the following four character groups (white space permitted)".
 */
import crypto from 'node:crypto';

export const MIN_LENGTH = 8;
/** Argon2 costs the same for any length, but a cap keeps request bodies and hashing bounded. */
export const MAX_LENGTH = 128;

export const GROUPS = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  special: '!"#%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
} as const;
type Group = keyof typeof GROUPS;

export type PolicyFailure = 'too-short' | 'too-long' | 'too-few-groups' | 'invalid-character' | 'contains-username';

// The reasons' wording, in each page language, is in src/server/i18n/catalogue.ts (policy* keys).

function groupOf(ch: string): Group | 'space' | undefined {
  if (ch === ' ') return 'space';
  return (Object.keys(GROUPS) as Group[]).find((g) => GROUPS[g].includes(ch));
}

/**
 * Checks a password. `usernames` are the user's unique identifier and the
 * local part of their e-mail address; neither may appear (case-insensitively).
 * Parts shorter than 3 characters are not matched: they would forbid too much
 * and protect nothing.
 */
/** What a password may not contain: the unique identifier and the e-mail's local part. */
export const usernamesOf = (user: { uid: string; email: string }) => [user.uid, user.email.split('@')[0] ?? ''];

export function checkPassword(password: string, usernames: readonly string[]): PolicyFailure[] {
  const failures: PolicyFailure[] = [];
  const chars = [...password];
  if (chars.length < MIN_LENGTH) failures.push('too-short');
  if (chars.length > MAX_LENGTH) failures.push('too-long');
  const groups = chars.map(groupOf);
  if (groups.includes(undefined)) failures.push('invalid-character');
  if (new Set(groups.filter((g) => g && g !== 'space')).size < 3) failures.push('too-few-groups');
  const lower = password.toLowerCase();
  if (usernames.some((name) => name.length >= 3 && lower.includes(name.toLowerCase()))) {
    failures.push('contains-username');
  }
  return failures;
}

function pick(alphabet: string): string {
  return alphabet[crypto.randomInt(alphabet.length)]!;
}

/** A random sample that passes the policy: 8 characters from upper, lower and digits (and sometimes a special). */
export function samplePassword(usernames: readonly string[] = []): string {
  for (;;) {
    const groups: string[] = [GROUPS.upper, GROUPS.lower, GROUPS.digit];
    if (crypto.randomInt(2) === 1) groups.push('()-_.:;!?@');
    const chars = groups.map(pick);
    const all = groups.join('');
    while (chars.length < MIN_LENGTH) chars.push(pick(all));
    // Fisher–Yates with the CSPRNG, so the group characters are not always in front.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const candidate = chars.join('');
    if (checkPassword(candidate, usernames).length === 0) return candidate;
  }
}
