/**
 * Creating accounts and sending their password links. Registration answers the
 * same whether or not the address is already known; the owner of a known
 * address gets a mail saying so instead (no account enumeration).
 */
import crypto from 'node:crypto';
import { alreadyRegisteredMail, passwordLinkMail, registrationMail } from './mail-templates';
import type { Deps } from './deps';
import { UniqueViolationError } from '../store/sql';
import type { User } from '../store/users';
import { canonicalIdentifier, normaliseEmail } from '../platform/email-address';
import { hashPassword } from '../platform/passwords';
import { looksLikeToken, newToken } from '../platform/tokens';

/** The guide: "You have a maximum of 24 hr … to create your password". */
export const PASSWORD_LINK_TTL_MS = 24 * 60 * 60_000;
/** Mails per hour per address, and per client address. */
export const MAILS_PER_ADDRESS_PER_HOUR = 3;
export const MAILS_PER_IP_PER_HOUR = 20;

const UID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An EU-Login-like unique identifier: "n00" and five random letters or digits. */
export function newUid(): string {
  let uid = 'n00';
  for (let i = 0; i < 5; i++) uid += UID_ALPHABET[crypto.randomInt(UID_ALPHABET.length)];
  return uid;
}

export interface Registration {
  firstName: string;
  lastName: string;
  email: string;
  language: string;
}

export type RegisterOutcome = 'mailed' | 'rate-limited' | 'mail-failed';

export async function register(deps: Deps, input: Registration, ip: string): Promise<RegisterOutcome> {
  const { store, mailer, config } = deps;
  // The one spelling of the mailbox (register.ts normalised it): uniqueness and quotas key on it.
  const email = normaliseEmail(input.email) ?? input.email.toLowerCase();
  if (!(await allowMail(deps, email, ip))) return 'rate-limited';
  const existing = await store.users.byEmail(email);
  if (existing) {
    // A failure here must answer like success would, or the page would reveal the account.
    await mailer.send(
      existing.email,
      alreadyRegisteredMail(
        existing.language,
        existing.email,
        `${config.publicUrl}/cas/login`,
        `${config.publicUrl}/cas/password/request`,
      ),
    );
    return 'mailed';
  }
  let user: User | undefined;
  for (let attempt = 0; !user && attempt < 5; attempt++) {
    try {
      user = await store.users.create({ ...input, email, uid: newUid(), createdAt: deps.now() });
    } catch (error) {
      if (!(error instanceof UniqueViolationError)) throw error;
      // The address was registered concurrently: answer as for a known address.
      if (await store.users.byEmail(email)) return register(deps, input, ip);
    }
  }
  if (!user) throw new Error('Could not allocate a unique identifier');
  const link = await passwordLink(deps, user);
  try {
    await mailer.send(user.email, registrationMail(user.language, user.email, link));
  } catch {
    // Without its mail the account cannot be used: take it back, so a later try starts clean.
    await store.users.delete(user.uid);
    return 'mail-failed';
  }
  await store.activity.record(user.uid, 'account-created', { ip, userAgent: '' });
  return 'mailed';
}

/**
 * A new password link for a known user (the "same link" re-request after expiry). The answer
 * and its timing must not tell whether the identifier names an account: the quota counts the
 * typed identifier (and the client address) whoever it names, and the lookup, the token and
 * the mail happen after the answer. The mailbox's own hourly cap applies there, silently.
 */
export async function requestPasswordLink(deps: Deps, identifier: string, ip: string): Promise<RegisterOutcome> {
  // Look-alike spellings of one address share one quota.
  const typed = canonicalIdentifier(identifier);
  if (!(await allowMail(deps, `reset:${typed}`, ip))) return 'rate-limited';
  deps.background.run('password link', async () => {
    const user = await deps.store.users.byIdentifier(typed);
    if (!user || !(await allowMailbox(deps, user.email))) return;
    const link = await passwordLink(deps, user);
    await deps.mailer.send(user.email, passwordLinkMail(user.language, user.email, link));
    await deps.store.activity.record(user.uid, 'password-link-requested', { ip, userAgent: '' });
  });
  return 'mailed';
}

async function passwordLink(deps: Deps, user: User): Promise<string> {
  // A new link replaces the older ones: only the newest mail works.
  await deps.store.emailTokens.revokeAll(user.uid, 'set-password');
  const token = newToken();
  await deps.store.emailTokens.create(token, user.uid, 'set-password', PASSWORD_LINK_TTL_MS);
  return `${deps.config.publicUrl}/cas/password/new?token=${token}`;
}

const HOUR_MS = 60 * 60_000;

/** The client address's and the target's hourly mail quotas (the target: an address, or a typed identifier). */
async function allowMail(deps: Deps, target: string, ip: string): Promise<boolean> {
  return (
    (await deps.store.throttles.allow(`mail:ip:${ip}`, MAILS_PER_IP_PER_HOUR, HOUR_MS)) &&
    (await allowMailbox(deps, target))
  );
}

async function allowMailbox({ store }: Deps, target: string): Promise<boolean> {
  return store.throttles.allow(`mail:to:${target}`, MAILS_PER_ADDRESS_PER_HOUR, HOUR_MS);
}

/** The user an e-mail link's live token is for, without using it up (to show the form it leads to). */
export async function userForPasswordLink({ store }: Deps, token: unknown): Promise<User | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const uid = await store.emailTokens.peek(token, 'set-password');
  return uid ? store.users.byUid(uid) : undefined;
}

/**
 * The password from the e-mail link: the link is used up and the password set in one transaction
 * (exactly one use wins), then every session of the account ends. False when the link was used or
 * has expired in the meantime.
 */
export async function setPasswordFromLink(
  deps: Deps,
  user: User,
  token: string,
  password: string,
  context: { ip: string; userAgent: string },
): Promise<boolean> {
  // Hash before the transaction: no slow work while it holds the store.
  const passwordHash = await hashPassword(password);
  const done = await deps.store.transaction(async (s) => {
    if ((await s.emailTokens.consume(token, 'set-password')) !== user.uid) return false;
    await s.users.setPassword(user.uid, passwordHash, deps.now());
    return true;
  });
  if (!done) return false;
  await deps.store.sessions.deleteAllFor(user.uid);
  await deps.store.activity.record(user.uid, user.passwordHash ? 'password-changed' : 'password-set', context);
  return true;
}
