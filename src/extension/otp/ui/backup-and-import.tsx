/**
 * Export and import on the Manage codes page (docs/otp-accounts.md §5). Export: the background
 * hands the accounts over only with the vault's passphrase typed again, and the page writes the
 * file — Sidekey's encrypted backup, an Aegis vault under a password, or plain `otpauth://` links
 * after a warning (core/otp/export, loaded when a file is written). Import: import-file.tsx.
 */
import { useState } from 'preact/hooks';
import { fromBase64url } from '../../../core/encoding';
import { MIN_PASSPHRASE_LENGTH } from '../../../core/otp/limits';
import { OtpError } from '../../../core/otp/otp-error';
import type { ExportFormat } from '../../../core/otp/export/write-export';
import { otpErrorText } from '../../i18n/otp-errors';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { messageOf } from '../../ui/message-of';
import type { Report } from './report';
import { TextField } from './text-field';
import { OtpImport } from './import-file';
import { TransferQr, transferImages, type TransferShown } from './transfer-qr';

/** A file to save, or Google Authenticator's transfer codes on screen. */
type Choice = ExportFormat | 'google';
const FORMATS: { value: Choice; label: () => string }[] = [
  { value: 'sidekey', label: () => t('otpExportSidekey') },
  { value: 'aegis', label: () => t('otpExportAegis') },
  { value: 'otpauth', label: () => t('otpExportOtpauth') },
  { value: 'google', label: () => t('otpExportGoogle') },
];

function download(fileName: string, text: string, type: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export function OtpBackup({ report }: { report: Report }) {
  const [format, setFormat] = useState<Choice>('sidekey');
  const [transfer, setTransfer] = useState<TransferShown | null>(null);
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [filePassphrase, setFilePassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const encrypted = format === 'sidekey' || format === 'aegis';

  const exportFile = async () => {
    setBusy(true);
    try {
      if (encrypted && [...filePassphrase].length < MIN_PASSPHRASE_LENGTH) return report.error(t('otpPassphraseShort'));
      const { accounts } = await sendMessage('otpExportAccounts', { passphrase: vaultPassphrase });
      const opened = accounts.map((a) => ({ ...a, secret: fromBase64url(a.secret) }));
      setVaultPassphrase('');
      if (format === 'google') {
        const { transferCodes } = await import('../../../core/otp/export/transfer-codes');
        const { codes, left } = transferCodes(opened);
        setTransfer({ images: await transferImages(codes), left });
      } else {
        const { writeExport } = await import('../../../core/otp/export/write-export');
        const file = await writeExport(format, opened, filePassphrase, new Date().toISOString().slice(0, 10));
        download(file.fileName, file.text, file.type);
        setFilePassphrase('');
        report.notice(t('otpExported', { file: file.fileName }));
      }
      for (const a of opened) a.secret.fill(0);
    } catch (e) {
      report.error(e instanceof OtpError ? otpErrorText(e) : messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="otp-backup" aria-busy={busy}>
      <form
        class="otp-export"
        onSubmit={(e) => {
          e.preventDefault();
          void exportFile();
        }}
      >
        <h3>{t('otpExportHeading')}</h3>
        <p class="muted">{t('otpExportHint')}</p>
        <div class="field text">
          <label for="otp-export-format">{t('otpExportFormat')}</label>
          <select
            id="otp-export-format"
            value={format}
            onChange={(e) => {
              setFormat(e.currentTarget.value as Choice);
              setTransfer(null);
            }}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label()}
              </option>
            ))}
          </select>
        </div>
        {format === 'otpauth' && (
          <p class="error" role="note" data-testid="otp-export-warning">
            {t('otpExportPlainWarning')}
          </p>
        )}
        <TextField
          id="otp-export-vault"
          label={t('otpExportVaultPassphrase')}
          type="password"
          autocomplete="current-password"
          value={vaultPassphrase}
          onInput={setVaultPassphrase}
        />
        {encrypted && (
          <TextField
            id="otp-export-passphrase"
            label={t('otpExportFilePassphrase')}
            type="password"
            autocomplete="new-password"
            value={filePassphrase}
            onInput={setFilePassphrase}
          />
        )}
        <button type="submit" disabled={busy}>
          {format === 'google' ? t('otpTransferShow') : t('otpExport')}
        </button>
      </form>
      {transfer && <TransferQr shown={transfer} onHide={() => setTransfer(null)} />}
      <OtpImport report={report} />
    </div>
  );
}
