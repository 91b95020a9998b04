/**
 * Creating accounts and sending their password links. Registration answers the
 * same whether or not the address is already known; the owner of a known
 * address gets a mail saying so instead (no account enumeration).
 */
import crypto from 'node:crypto';
import { alreadyRegisteredMail, passwordLinkMail, registrationMail } from './mail-templates';
import type { Deps } from './deps';
import {
  mailTo,
  queueMailJob,
  type OutgoingMail,
  type PasswordLinkJob,
  type RegistrationJob,
  type ResolveContext,
} from './mail-jobs';
import type { Repositories } from '../store/store';
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

export type RegisterOutcome = 'queued' | 'rate-limited';

/**
 * Registration as the request sees it: the quotas, then one job in the outbox, the same whether
 * the address has an account or not and whatever the mail server does (resolveRegistration
 * does the rest, in the mail sender's thread).
 */
export async function register(deps: Deps, input: Registration, ip: string): Promise<RegisterOutcome> {
  // The one spelling of the mailbox (register.ts normalised it): uniqueness and quotas key on it.
  const email = normaliseEmail(input.email) ?? input.email.toLowerCase();
  if (!(await allowMail(deps, email, ip))) return 'rate-limited';
  await queueMailJob(deps.store, deps, { kind: 'registration', at: deps.now(), ip, ...input, email });
  deps.mail.wake();
  return 'queued';
}

/**
 * A new password link for a known user (the "same link" re-request after expiry). The answer and
 * its timing must not tell whether the identifier names an account: the quota counts the typed
 * identifier (and the client address) whoever it names, and the job written is the same for any
 * identifier; the lookup, the mailbox's own hourly cap, the link and the mail happen in the mail
 * sender's thread (resolvePasswordLinkRequest).
 */
export async function requestPasswordLink(deps: Deps, identifier: string, ip: string): Promise<RegisterOutcome> {
  // Look-alike spellings of one address share one quota.
  const typed = canonicalIdentifier(identifier);
  if (!(await allowMail(deps, `reset:${typed}`, ip))) return 'rate-limited';
  await queueMailJob(deps.store, deps, { kind: 'password-link', at: deps.now(), ip, identifier: typed });
  deps.mail.wake();
  return 'queued';
}

/**
 * What a registration becomes, in the transaction that turns its row into the mail (`repos`'
 * clock is the request's): a known address gets "you already have an account"; a new one gets
 * its account and its password link. A concurrent registration of the address (another instance)
 * fails this transaction on the unique e-mail; the retry then finds the account.
 */
export async function resolveRegistration(
  repos: Repositories,
  { publicUrl }: ResolveContext,
  job: RegistrationJob,
): Promise<OutgoingMail> {
  const existing = await repos.users.byEmail(job.email);
  if (existing) {
    const content = alreadyRegisteredMail(
      existing.language,
      existing.email,
      `${publicUrl}/cas/login`,
      `${publicUrl}/cas/password/request`,
    );
    return mailTo(existing.email, content);
  }
  let uid = newUid();
  for (let attempt = 0; (await repos.users.byUid(uid)) && attempt < 5; attempt++) uid = newUid();
  const { firstName, lastName, email, language } = job;
  const user = await repos.users.create({ firstName, lastName, email, language, uid, createdAt: job.at });
  const link = await passwordLink(repos, publicUrl, user);
  await repos.activity.record(user.uid, 'account-created', { ip: job.ip, userAgent: '' });
  return mailTo(user.email, registrationMail(user.language, user.email, link));
}

/** What a password-link request becomes: nothing for an identifier without an account or a mailbox over its cap. */
export async function resolvePasswordLinkRequest(
  repos: Repositories,
  { publicUrl }: ResolveContext,
  job: PasswordLinkJob,
): Promise<OutgoingMail | undefined> {
  const user = await repos.users.byIdentifier(job.identifier);
  if (!user || !(await allowMailbox(repos, user.email))) return undefined;
  const link = await passwordLink(repos, publicUrl, user);
  await repos.activity.record(user.uid, 'password-link-requested', { ip: job.ip, userAgent: '' });
  return mailTo(user.email, passwordLinkMail(user.language, user.email, link));
}

async function passwordLink(repos: Repositories, publicUrl: string, user: User): Promise<string> {
  // A new link replaces the older ones: only the newest mail works.
  await repos.emailTokens.revokeAll(user.uid, 'set-password');
  const token = newToken();
  await repos.emailTokens.create(token, user.uid, 'set-password', PASSWORD_LINK_TTL_MS);
  return `${publicUrl}/cas/password/new?token=${token}`;
}

const HOUR_MS = 60 * 60_000;

/** The client address's and the target's hourly mail quotas (the target: an address, or a typed identifier). */
async function allowMail(deps: Deps, target: string, ip: string): Promise<boolean> {
  return (
    (await deps.store.throttles.allow(`mail:ip:${ip}`, MAILS_PER_IP_PER_HOUR, HOUR_MS)) &&
    (await allowMailbox(deps.store, target))
  );
}

async function allowMailbox(repos: Pick<Repositories, 'throttles'>, target: string): Promise<boolean> {
  return repos.throttles.allow(`mail:to:${target}`, MAILS_PER_ADDRESS_PER_HOUR, HOUR_MS);
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
