/**
 * What the outbox holds (store/mail-outbox.ts) and what each kind of row becomes.
 *
 * A request that sends mail only writes a job and answers: one sealed row, the same work whether
 * the address has an account or not, whatever the mail server does (no enumeration by timing or
 * by error). The sender's thread later works a request out — the account, the link, which mail —
 * in one transaction that also turns the row into the mail itself, and then delivers it.
 */
import { z } from 'zod';
import type { Repositories } from '../store/store';
import type { MailJobKind } from '../store/mail-outbox';
import type { MailContent } from '../platform/mailer';
import type { SecretBox } from '../platform/secret-box';
import { newToken } from '../platform/tokens';
import type { Deps } from './deps';

/** When and from where a request was made: the request's clock and client, for what it creates. */
const requestFields = { at: z.number().int().nonnegative(), ip: z.string().max(100) };

const jobSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('registration'),
    ...requestFields,
    firstName: z.string().max(100),
    lastName: z.string().max(100),
    email: z.string().max(254),
    language: z.string().max(5),
  }),
  z.strictObject({ kind: z.literal('password-link'), ...requestFields, identifier: z.string().max(254) }),
  z.strictObject({ kind: z.literal('mail'), to: z.string().max(254), subject: z.string(), text: z.string() }),
]);

export type MailJob = z.infer<typeof jobSchema>;
export type RegistrationJob = Extract<MailJob, { kind: 'registration' }>;
export type PasswordLinkJob = Extract<MailJob, { kind: 'password-link' }>;
/** A mail ready to go: where, and what it says. */
export type OutgoingMail = Extract<MailJob, { kind: 'mail' }>;

/** The associated data binds a sealed job to its row and kind: a ciphertext moved or relabelled does not open. */
const boundTo = (id: string, kind: MailJobKind) => `mail_outbox:${id}:${kind}`;

export function sealJob(secrets: SecretBox, id: string, job: MailJob): string {
  return secrets.seal(new TextEncoder().encode(JSON.stringify(job)), boundTo(id, job.kind));
}

/** Throws when the row was tampered with, sealed under another key, or is not a job of its kind. */
export function openJob(secrets: SecretBox, row: { id: string; kind: MailJobKind; sealed: string }): MailJob {
  const job = jobSchema.parse(
    JSON.parse(new TextDecoder().decode(secrets.open(row.sealed, boundTo(row.id, row.kind)))),
  );
  if (job.kind !== row.kind) throw new TypeError('The mail job does not match its row');
  return job;
}

export const mailTo = (to: string, content: MailContent): OutgoingMail => ({ kind: 'mail', to, ...content });

/**
 * Writes a job with the repositories given (the store's, or a transaction's: then the job commits
 * or rolls back with it). Call `deps.mail.wake()` once it is committed.
 */
export async function queueMailJob(
  repos: Pick<Repositories, 'mailOutbox'>,
  deps: Pick<Deps, 'secrets' | 'now'>,
  job: MailJob,
): Promise<void> {
  const id = newToken(16); // 128 bits: ids are not secrets, but unguessable costs nothing
  await repos.mailOutbox.add({ id, kind: job.kind, sealed: sealJob(deps.secrets, id, job), createdAt: deps.now() });
}

/** What working a request out needs besides the store: where the links point. */
export interface ResolveContext {
  publicUrl: string;
}
