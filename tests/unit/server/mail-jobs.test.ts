/** The outbox's sealed jobs and the sender's retry schedule. */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mailTo, openJob, sealJob, type MailJob } from '../../../src/server/domain/mail-jobs';
import { MAIL_DELIVERY, retryDelay } from '../../../src/server/domain/mail-sender';
import { createSecretBox } from '../../../src/server/platform/secret-box';

const secrets = createSecretBox(crypto.randomBytes(32));
const MAIL = mailTo('anna@example.eu', { subject: 'Hello', text: 'https://login.example.eu/cas/password/new?token=x' });
const REQUEST: MailJob = { kind: 'password-link', at: 1, ip: '192.0.2.1', identifier: 'anna@example.eu' };
/** A row whose sealed content is `value` as JSON, sealed properly (what only a holder of the key could write). */
const sealedRaw = (id: string, kind: MailJob['kind'], value: unknown) => ({
  id,
  kind,
  sealed: secrets.seal(new TextEncoder().encode(JSON.stringify(value)), `mail_outbox:${id}:${kind}`),
});

describe('sealed mail jobs', () => {
  it('open to what was sealed, for their own row and kind only', () => {
    for (const job of [MAIL, REQUEST]) {
      const sealed = sealJob(secrets, 'row-1', job);
      expect(sealed).not.toContain('anna');
      expect(openJob(secrets, { id: 'row-1', kind: job.kind, sealed })).toEqual(job);
      expect(() => openJob(secrets, { id: 'row-2', kind: job.kind, sealed })).toThrow();
      expect(() => openJob(secrets, { id: 'row-1', kind: 'registration', sealed })).toThrow();
    }
    const otherKey = createSecretBox(crypto.randomBytes(32));
    expect(() => openJob(otherKey, { id: 'row-1', kind: 'mail', sealed: sealJob(secrets, 'row-1', MAIL) })).toThrow();
  });

  it.each([
    ['a truncated value', { id: 'r', kind: 'mail' as const, sealed: 'v1.abc' }],
    ['an empty value (a job given up)', { id: 'r', kind: 'mail' as const, sealed: '' }],
    ['an unknown field', sealedRaw('r', 'mail', { ...MAIL, bcc: 'mallory@example.eu' })],
    [
      'a __proto__ key',
      sealedRaw('r', 'mail', JSON.parse(`{"kind":"mail","to":"a@b.eu","subject":"s","text":"t","__proto__":{"x":1}}`)),
    ],
    ['a wrong type', sealedRaw('r', 'password-link', { ...REQUEST, at: '1' })],
    ['an oversized address', sealedRaw('r', 'mail', { ...MAIL, to: `${'a'.repeat(250)}@example.eu` })],
    ['another kind than its row', sealedRaw('r', 'mail', REQUEST)],
    [
      'not JSON',
      { id: 'r', kind: 'mail' as const, sealed: secrets.seal(new TextEncoder().encode('{'), 'mail_outbox:r:mail') },
    ],
  ])('refuse %s', (_what, row) => {
    expect(() => openJob(secrets, row)).toThrow();
  });
});

describe('the retry schedule', () => {
  it('doubles from the first delay up to the cap, spread by at most 20 %', () => {
    const options = { firstRetryMs: 1000, maxRetryMs: 8000 };
    for (const [attempts, base] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 8000],
      [5, 8000],
      [60, 8000],
    ] as const) {
      for (let i = 0; i < 50; i++) {
        const delay = retryDelay(attempts, options);
        expect(delay).toBeGreaterThanOrEqual(base * 0.8);
        expect(delay).toBeLessThanOrEqual(base * 1.2);
      }
    }
  });

  it('gives a mail up after a day (the life of its password link), and leases a job for longer than an attempt', () => {
    expect(MAIL_DELIVERY.deadlineMs).toBe(24 * 60 * 60_000);
    expect(MAIL_DELIVERY.leaseMs).toBeGreaterThan(MAIL_DELIVERY.attemptMs);
  });
});
