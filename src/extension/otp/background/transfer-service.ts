/**
 * Backup and moving in (docs/otp-accounts.md §5): the encrypted backup file, and imports of what
 * the page read from any app's export — shown first (duplicates marked), added only on the
 * user's confirmation, duplicates only when asked. What was read waits in this background's
 * memory for 10 minutes, for one confirmation.
 */
import { base64url, fromBase64url } from '../../../core/encoding';
import { MessageError } from '../../../core/messages';
import { withinRules, type BackupAccount } from '../../../core/otp/backup';
import { OtpInputError } from '../../../core/otp/otp-error';
import { t } from '../../i18n/t';
import type { ContextHandlers } from '../../messaging';
import { isSameAccount } from '../../../core/otp/otpauth-uri';
import { answerAdded, found, listOrder } from '../account-views';
import type { CodeAccounts } from '../code-accounts';
import { userErrors } from '../user-errors';

const IMPORT_LIFETIME_MS = 10 * 60_000;

export function createOtpTransferService({
  otp,
  afterChange,
  now = Date.now,
}: {
  otp: CodeAccounts;
  /** The fill scripts follow the accounts' sites. */
  afterChange: () => Promise<unknown>;
  now?: () => number;
}) {
  const imports = new Map<string, { accounts: BackupAccount[]; expires: number }>();
  // What was read holds secrets: gone with the lock, like the vault's own.
  otp.onLock(() => imports.clear());

  return {
    otpExportAccounts: ({ passphrase }) =>
      userErrors(async () => {
        // The secrets leave the vault: whoever asks must know its passphrase, unlocked or not.
        await otp.confirm(passphrase);
        // In the list's order (pinned, then by name), so a file reads like the list it came from.
        const accounts = (await otp.accounts()).sort(listOrder(''));
        return {
          accounts: accounts.map(({ id: _id, modifiedAt: _at, secret, ...rest }) => ({
            ...rest,
            secret: base64url(secret),
          })),
        };
      }),
    otpImportRead: ({ accounts: read }) =>
      userErrors(async () => {
        const held = await otp.accounts();
        // The page read the file and held each entry to these rules; an account that fails them
        // here was sent by something else, and the whole request is refused.
        const accounts: BackupAccount[] = read.map(({ secret, ...a }) => {
          const account = withinRules(a, fromBase64url(secret));
          if (!account) throw new OtpInputError('entryMalformed');
          return { ...account, addedAt: now() };
        });
        for (const [id, pending] of imports) if (pending.expires < now()) imports.delete(id);
        const importId = base64url(crypto.getRandomValues(new Uint8Array(16)));
        imports.set(importId, { accounts, expires: now() + IMPORT_LIFETIME_MS });
        return {
          importId,
          found: accounts.map((a) =>
            found(
              a,
              held.some((h) => isSameAccount(h, a)),
            ),
          ),
        };
      }),
    otpImportCommit: ({ importId, withDuplicates }) =>
      userErrors(async () => {
        const pending = imports.get(importId);
        // Single use: what was read is added once.
        imports.delete(importId);
        if (!pending || pending.expires < now()) throw new MessageError(t('otpImportExpired'));
        return answerAdded(await otp.add(pending.accounts, { allowDuplicates: withDuplicates }), now(), afterChange);
      }),
  } satisfies ContextHandlers;
}
