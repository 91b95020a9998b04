/**
 * The encrypted backup of one-time-code accounts (docs/otp-accounts.md §5),
 * a JSON file:
 *
 *   { "format": "sidekey-otp-backup", "version": 1,
 *     "kdf": { "name": "argon2id", "memoryKiB", "iterations", "parallelism", "salt" },
 *     "cipher": { "name": "AES-256-GCM", "iv" }, "data": base64url }
 *
 * `data` is AES-256-GCM under the passphrase's Argon2id key of the accounts as
 * JSON; the header (format, version, kdf and the cipher's name, serialised in
 * this order) is the additional data, so a changed parameter fails like a
 * wrong passphrase (GCM authenticates the IV by itself).
 */
import * as z from 'zod/mini';
import { deferred } from '../deferred';
import { keptAccountWithSecret } from './account-schema';
import { base64url, fromBase64url } from '../encoding';
import { accountText, MAX_SECRET_BYTES, MIN_SECRET_BYTES, type OtpParameters } from './otpauth-uri';
import { BackupError, OtpInputError, PassphraseError } from './otp-error';
import { MAX_OTP_ACCOUNTS } from './limits';
import { isSiteName } from './site';
import { checkKdfParams, newKdfParams, open, passphraseKey, seal, type KdfParams } from './passphrase-key';
import {
  BACKUP_FORMAT,
  backupVersion,
  importAesGcmKey,
  parseBackupJson,
  MAX_BACKUP_BYTES,
  openSyncedFile,
  readSyncedFile,
  SYNCED_BACKUP_VERSION,
  unwrapBackupKey,
} from './synced-backup';

export { BACKUP_FORMAT, MAX_BACKUP_BYTES } from './synced-backup';
/** The backup an export writes under a password of its own; version 2 is the automatic one (synced-backup.ts). */
export const BACKUP_VERSION = 1;

/** What a backup keeps of an account: the parameters, and what the user made of it. */
export interface BackupAccount extends OtpParameters {
  /** The registrable domain it was added on (where its code is offered), or ''. */
  site: string;
  pinned: boolean;
  addedAt: number;
  /** The group the user keeps it in ('' or absent for none; Aegis's and 2FAS's groups, Bitwarden's folders). */
  group?: string;
}

const b64 = (max: number) =>
  z
    .string()
    .check(z.maxLength(max))
    .check(z.regex(/^[A-Za-z0-9_-]*$/));
const fileSchema = deferred(() =>
  z.strictObject({
    format: z.literal(BACKUP_FORMAT),
    version: z.int(),
    kdf: z.unknown(),
    cipher: z.strictObject({ name: z.literal('AES-256-GCM'), iv: b64(16) }),
    data: b64(Math.ceil((MAX_BACKUP_BYTES * 4) / 3)),
  }),
);
const accountSchema = keptAccountWithSecret;
const plainSchema = deferred(() =>
  z.strictObject({ accounts: z.array(accountSchema).check(z.maxLength(MAX_OTP_ACCOUNTS)) }),
);

const header = (kdf: KdfParams) => ({
  format: BACKUP_FORMAT,
  version: BACKUP_VERSION,
  kdf: {
    name: kdf.name,
    memoryKiB: kdf.memoryKiB,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
    salt: kdf.salt,
  },
});
const CIPHER = 'AES-256-GCM';
const context = (kdf: KdfParams) => JSON.stringify({ ...header(kdf), cipher: CIPHER });

export async function encryptBackup(
  accounts: readonly BackupAccount[],
  passphrase: string,
  kdf: KdfParams = newKdfParams(),
): Promise<string> {
  if (accounts.length > MAX_OTP_ACCOUNTS) throw new BackupError('backupTooMany', { max: MAX_OTP_ACCOUNTS });
  const key = await passphraseKey(passphrase, kdf);
  const plain = new TextEncoder().encode(
    JSON.stringify({ accounts: accounts.map((a) => ({ ...a, secret: base64url(a.secret) })) }),
  );
  const sealed = await seal(key, plain, context(kdf));
  plain.fill(0);
  return `${JSON.stringify({ ...header(kdf), cipher: { name: CIPHER, iv: sealed.iv }, data: sealed.data })}\n`;
}

/** The accounts of a backup; a BackupError that says what is wrong with the file or the passphrase. */
export async function decryptBackup(text: string, passphrase: string): Promise<BackupAccount[]> {
  const json = parseBackupJson(text);
  if (backupVersion(json) === SYNCED_BACKUP_VERSION) return openAutomatic(text, passphrase);
  const file = fileSchema.safeParse(json);
  if (!file.success) throw new BackupError('notBackup');
  if (file.data.version !== BACKUP_VERSION) throw new BackupError('backupNewer', { version: file.data.version });
  if (!checkKdfParams(file.data.kdf)) throw new BackupError('backupBadKdf');
  const kdf = file.data.kdf;
  const key = await passphraseKey(passphrase, kdf);
  let plain: Uint8Array;
  try {
    plain = await open(key, { iv: file.data.cipher.iv, data: file.data.data }, context(kdf));
  } catch (error) {
    if (error instanceof PassphraseError) throw new BackupError('backupWrongPassphrase');
    throw error;
  }
  let parsed;
  try {
    parsed = plainSchema.safeParse(JSON.parse(new TextDecoder().decode(plain)));
  } catch {
    parsed = undefined;
  } finally {
    plain.fill(0);
  }
  if (!parsed?.success) throw new BackupError('backupUnreadable');
  return parsed.data.accounts.map(backupAccount);
}

/**
 * An account from a file (a backup, or any app's export read in the page), held to exactly what
 * the popup lets a user type or edit, or null: a file is someone's word, and a crafted one could
 * otherwise bind a look-alike's code to the bank's site and pin it there, or carry a name drawn
 * backwards. Bidi controls are taken out of the names.
 */
export function withinRules<T extends Omit<OtpParameters, 'secret'> & { site: string; group?: string }>(
  stored: T,
  secret: Uint8Array,
): (T & { secret: Uint8Array }) | null {
  // The same bounds as an account typed in or read from a QR code (otpauth-uri.ts).
  const readable = secret.length >= MIN_SECRET_BYTES && secret.length <= MAX_SECRET_BYTES;
  // Steam's codes are 5 letters of SHA-1 every 30 s (steam.ts); every other kind's are 6–8 digits.
  const steamShaped = stored.digits === 5 && stored.period === 30 && stored.algorithm === 'SHA1';
  const shaped = stored.kind === 'steam' ? steamShaped : stored.digits !== 5;
  if (!readable || !shaped || !isSiteName(stored.site) || stored.label.trim() === '') return null;
  try {
    return {
      ...stored,
      issuer: accountText(stored.issuer, 'issuer'),
      label: accountText(stored.label, 'name'),
      secret,
    };
  } catch (error) {
    if (error instanceof OtpInputError) return null;
    throw error;
  }
}

export function backupAccount(stored: z.infer<typeof accountSchema>): BackupAccount {
  const account = withinRules(stored, fromBase64url(stored.secret));
  if (!account) throw new BackupError('backupUnreadable');
  return account;
}

/** An automatic backup (version 2) read as an import reads a file: its live accounts. */
async function openAutomatic(text: string, passphrase: string): Promise<BackupAccount[]> {
  const file = readSyncedFile(text);
  const raw = await unwrapBackupKey(file.header, passphrase);
  const key = await importAesGcmKey(raw).finally(() => raw.fill(0));
  return (await openSyncedFile(file, key)).accounts.map(({ id: _id, modifiedAt: _at, ...account }) =>
    backupAccount(account),
  );
}
