/**
 * Backup and moving in (docs/otp-accounts.md §5): the encrypted backup file under a passphrase
 * asked for each export, and the import of any app's export (import-file.tsx).
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { messageOf } from '../../ui/message-of';
import type { Report } from './report';
import { TextField } from './text-field';
import { OtpImport } from './import-file';

export function OtpBackup({ report }: { report: Report }) {
  const [exportPassphrase, setExportPassphrase] = useState('');
  const [busy, setBusy] = useState(false);

  async function step<T>(run: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    try {
      return await run();
    } catch (e) {
      report.error(messageOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const exportFile = () =>
    step(async () => {
      const { fileName, text } = await sendMessage('otpExport', { passphrase: exportPassphrase });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setExportPassphrase('');
      report.notice(t('otpExported', { file: fileName }));
    });

  return (
    <div class="otp-backup" aria-busy={busy}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void exportFile();
        }}
      >
        <h3>{t('otpExportHeading')}</h3>
        <p class="muted">{t('otpExportHint')}</p>
        <TextField
          id="otp-export-passphrase"
          label={t('otpBackupPassphrase')}
          type="password"
          autocomplete="new-password"
          value={exportPassphrase}
          onInput={setExportPassphrase}
        />
        <button type="submit" disabled={busy}>
          {t('otpExport')}
        </button>
      </form>
      <OtpImport report={report} />
    </div>
  );
}
