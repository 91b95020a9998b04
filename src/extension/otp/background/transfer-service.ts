/**
 * Backup and moving in (docs/otp-accounts.md §5): the encrypted backup file, and imports of a
 * backup, a list of `otpauth://` links or transfer codes — read first and shown (duplicates
 * marked), added only on the user's confirmation, duplicates only when asked. What was read
 * waits in this background's memory for 10 minutes, for one confirmation.
 */
import { base64url } from '../../../core/encoding';
import { MessageError } from '../../../core/messages';
import { decryptBackup, encryptBackup, type BackupAccount } from '../../../core/otp/backup';
import { MIN_PASSPHRASE_LENGTH } from '../../../core/otp/passphrase-key';
import { readAccountsText } from '../../../core/otp/read-text';
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
    otpExport: ({ passphrase }) =>
      userErrors(async () => {
        // In the list's order (pinned, then by name), so a file reads like the list it came from.
        const accounts = (await otp.accounts()).sort(listOrder(''));
        if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new MessageError(t('otpPassphraseShort'));
        const text = await encryptBackup(
          accounts.map(({ id: _id, ...rest }) => rest),
          passphrase,
        );
        const day = new Date(now()).toISOString().slice(0, 10);
        return { fileName: `sidekey-codes-${day}.json`, text };
      }),
    otpImportRead: ({ text, passphrase }) =>
      userErrors(async () => {
        const held = await otp.accounts();
        const isBackup = text.trimStart().startsWith('{');
        if (isBackup && passphrase === null) throw new MessageError(t('otpBackupNeedsPassphrase'));
        const accounts: BackupAccount[] = isBackup
          ? await decryptBackup(text, passphrase!)
          : readAccountsText(text).map((a) => ({ ...a, site: '', pinned: false, addedAt: now() }));
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
