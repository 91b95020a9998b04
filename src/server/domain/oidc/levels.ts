/**
 * EU Login's authentication levels as OpenID Connect `acr` values, and how each of Sidekey's
 * sign-in strengths reaches them (docs/oidc.md):
 * - BASIC: the password alone;
 * - MEDIUM: the password and a second factor from the mobile app (its QR code's one-time password,
 *   or a push approved with its PIN);
 * - HIGH: the password and a security key or trusted platform (WebAuthn with user verification):
 *   the one phishing-resistant factor, bound to this server's origin.
 * `amr` values are RFC 8176's.
 */
import { STRENGTH_RANK, isStrength, type Strength } from '../cas/strengths';
import { LEVELS, type Level } from '../../platform/relying-parties';

export { LEVELS, type Level };

const LEVEL_RANK: Record<Level, number> = { BASIC: 1, MEDIUM: 2, HIGH: 3 };

/** The level a sign-in of this strength reached. */
export function levelOf(strength: string): Level {
  if (!isStrength(strength)) return 'BASIC';
  return LEVELS[STRENGTH_RANK[strength] - 1]!;
}

export function reaches(strength: string, level: Level): boolean {
  return isStrength(strength) && STRENGTH_RANK[strength] >= LEVEL_RANK[level];
}

/** Whether a level reached (an `acr` as the provider's session holds it; unknown: none) is at least `level`. */
export function levelReaches(reached: unknown, level: Level): boolean {
  return typeof reached === 'string' && reached in LEVEL_RANK && LEVEL_RANK[reached as Level] >= LEVEL_RANK[level];
}

/** The weakest strength that reaches a level (what the sign-in page offers at least). */
export function minimumStrength(level: Level): Strength {
  return level === 'BASIC' ? 'PASSWORD' : level === 'MEDIUM' ? 'PASSWORD_SOFTWARE_TOKEN' : 'PASSWORD_WEBAUTHN';
}

/** The strongest of the levels named (unknown values ignored, as OpenID Connect Core §3.1.2.1 lets a server). */
export function strongest(levels: readonly unknown[], floor: Level): Level {
  return levels.reduce<Level>(
    (best, value) =>
      typeof value === 'string' && value in LEVEL_RANK && LEVEL_RANK[value as Level] > LEVEL_RANK[best]
        ? (value as Level)
        : best,
    floor,
  );
}

/** RFC 8176 §2: how the user authenticated. */
export function amrOf(strength: string): string[] {
  switch (strength) {
    case 'PASSWORD_SOFTWARE_TOKEN':
      return ['pwd', 'otp', 'mfa'];
    case 'PASSWORD_MOBILE_APP':
      return ['pwd', 'swk', 'pin', 'mfa'];
    case 'PASSWORD_WEBAUTHN':
      return ['pwd', 'hwk', 'user', 'mfa'];
    default:
      return ['pwd'];
  }
}
