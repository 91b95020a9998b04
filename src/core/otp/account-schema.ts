/**
 * One account with its secret as files and messages carry it (secret base64url): the backup's
 * records (backup.ts), and the accounts the page hands the background after reading another app's
 * export or for writing one (messages.ts `otpImportRead`, `otpExportAccounts`). The shape only:
 * what every account must also be is `withinRules` (backup.ts).
 */
import * as z from 'zod/mini';
import { deferred } from '../deferred';
import { OTP_ALGORITHMS, OTP_KINDS } from './kinds';

const text = (max: number) => z.string().check(z.maxLength(max));

export const accountWithSecret = deferred(() =>
  z.strictObject({
    kind: z.enum(OTP_KINDS),
    issuer: text(200),
    label: text(200),
    secret: z
      .string()
      .check(z.regex(/^[A-Za-z0-9_-]+$/))
      .check(z.maxLength(200)),
    algorithm: z.enum(OTP_ALGORITHMS),
    digits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]),
    period: z.int().check(z.gte(1)).check(z.lte(3600)),
    counter: z.int().check(z.gte(0)).check(z.lte(Number.MAX_SAFE_INTEGER)),
    site: text(253),
    pinned: z.boolean(),
    group: z.optional(text(200)),
  }),
);

/** With when it was added: a backup's record, an export's account. */
export const keptAccountWithSecret = deferred(() =>
  z.extend(accountWithSecret, { addedAt: z.int().check(z.nonnegative()) }),
);
