/**
 * Password verification with throttling per account and per client address
 * (the Copenhagen Book: throttle every secret check). Unknown accounts cost the
 * same hash and the same message as wrong passwords.
 */
import type { Deps } from './deps';
import type { User } from '../store/users';
import { canonicalIdentifier } from '../platform/email-address';
import { verifyPassword } from '../platform/passwords';
import { tr } from '../i18n/catalogue';

export type PasswordCheck = { ok: true; user: User } | { ok: false; waitMs: number };

/**
 * Failures count against the account, whichever of its identifiers was typed (e-mail or
 * unique identifier), and against the client address. An identifier that names no account
 * counts under itself, so guessing at unknown names is throttled the same way.
 */
export const throttleKeys = (user: User | undefined, identifier: string, ip: string) => [
  user ? `login:uid:${user.uid}` : `login:id:${canonicalIdentifier(identifier)}`,
  `login:ip:${ip}`,
];

export async function checkPasswordSignIn(
  { store }: Deps,
  identifier: string,
  password: string,
  context: { ip: string; userAgent: string },
): Promise<PasswordCheck> {
  const user = await store.users.byIdentifier(identifier);
  const keys = throttleKeys(user, identifier, context.ip);
  const waits = await Promise.all(keys.map((key) => store.throttles.waitFor(key)));
  const waitMs = Math.max(...waits);
  if (waitMs > 0) return { ok: false, waitMs };

  if (user && (await verifyPassword(user.passwordHash, password))) {
    await Promise.all(keys.map((key) => store.throttles.succeed(key)));
    return { ok: true, user };
  }
  if (!user) await verifyPassword(null, password); // same cost as a real check
  for (const key of keys) await store.throttles.fail(key);
  if (user) await store.activity.record(user.uid, 'sign-in-failed', context, 'wrong password');
  return { ok: false, waitMs: 0 };
}

export function waitMessage(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  const amount =
    seconds >= 120
      ? tr('minutes', { n: Math.ceil(seconds / 60) })
      : seconds === 1
        ? tr('oneSecond')
        : tr('seconds', { n: seconds });
  return tr('tooManyFailures', { amount });
}

/**
 * The signed-in user's password again, before a sensitive change (sudo mode).
 * Throttled per account like every secret check; `failureDetail`, when given,
 * goes to the activity log on a wrong password.
 */
export async function checkCurrentPassword(
  { store }: Deps,
  user: User,
  password: string,
  context: { ip: string; userAgent: string },
  failureDetail?: string,
): Promise<{ ok: true } | { ok: false; waitMs: number }> {
  const key = `password:uid:${user.uid}`;
  const waitMs = await store.throttles.waitFor(key);
  if (waitMs > 0) return { ok: false, waitMs };
  if (!(await verifyPassword(user.passwordHash, password))) {
    await store.throttles.fail(key);
    if (failureDetail) await store.activity.record(user.uid, 'sign-in-failed', context, failureDetail);
    return { ok: false, waitMs: 0 };
  }
  await store.throttles.succeed(key);
  return { ok: true };
}
