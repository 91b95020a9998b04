/**
 * EU Login's vocabulary for how a user authenticated, and the sign-in methods
 * that produce each. A relying party names the weakest strength it accepts;
 * the login page then offers only methods at least that strong.
 */
import { STRENGTHS, type Strength } from '../../platform/config';

export { STRENGTHS, type Strength };

/** Password alone < any second factor. The second factors rank equal except WebAuthn (phishing-resistant). */
export const STRENGTH_RANK: Record<Strength, number> = {
  PASSWORD: 1,
  PASSWORD_SOFTWARE_TOKEN: 2,
  PASSWORD_MOBILE_APP: 2,
  PASSWORD_WEBAUTHN: 3,
};

export type MethodId = 'password' | 'mobile-pin' | 'mobile-qr' | 'webauthn';

export interface Method {
  id: MethodId;
  label: string;
  description: string;
  strength: Strength;
  /** Built in this server yet. The chooser shows only methods that are. */
  available: boolean;
}

/** The guide's verification methods, in its order. */
export const METHODS: readonly Method[] = [
  {
    id: 'mobile-pin',
    label: 'EU Login Mobile App PIN Code',
    description: 'Use your registered EU Login Mobile app to verify your identity.',
    strength: 'PASSWORD_MOBILE_APP',
    available: true,
  },
  {
    id: 'mobile-qr',
    label: 'EU Login Mobile App QR Code',
    description: 'Generate a one-time-password with the EU Login Mobile app.',
    strength: 'PASSWORD_SOFTWARE_TOKEN',
    available: true,
  },
  {
    id: 'webauthn',
    label: 'Security Key or Trusted Platform',
    description: 'Use a security key or trusted platform to authenticate with EU Login.',
    strength: 'PASSWORD_WEBAUTHN',
    available: true,
  },
  {
    id: 'password',
    label: 'Password',
    description: 'Your password alone, for services that accept it.',
    strength: 'PASSWORD',
    available: true,
  },
];

export function isStrength(value: string): value is Strength {
  return (STRENGTHS as readonly string[]).includes(value);
}

export function meets(strength: Strength, minimum: Strength): boolean {
  return STRENGTH_RANK[strength] >= STRENGTH_RANK[minimum];
}

/** The methods a sign-in may use for a minimum strength. */
export function methodsFor(minimum: Strength): Method[] {
  return METHODS.filter((m) => m.available && meets(m.strength, minimum));
}
