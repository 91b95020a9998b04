/**
 * Backup and moving in (docs/otp-accounts.md §5): the encrypted backup file under a passphrase
 * asked for each export, and import of such a file, of a text list of `otpauth://` links, or of
 * transfer codes. An import first lists what it found, duplicates marked; nothing is added before
 * the user confirms, and duplicates only when asked.
 */
import { useState } from 'preact/hooks';
import type { ResponseOf } from '../../../core/messages';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { messageOf } from '../../ui/message-of';
import type { Report } from './report';
import { TextField } from './text-field';

export function OtpBackup({ report }: { report: Report }) {
  const [exportPassphrase, setExportPassphrase] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');
  const [found, setFound] = useState<ResponseOf<'otpImportRead'> | null>(null);
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

  const isBackup = file?.text.trimStart().startsWith('{') ?? false;
  const readFile = () =>
    step(async () => {
      if (!file) return;
      setFound(await sendMessage('otpImportRead', { text: file.text, passphrase: isBackup ? importPassphrase : null }));
    });
  const commit = (withDuplicates: boolean) =>
    step(async () => {
      if (!found) return;
      const { added, duplicates } = await sendMessage('otpImportCommit', { importId: found.importId, withDuplicates });
      setFound(null);
      setFile(null);
      setImportPassphrase('');
      report.notice(t('otpImported', { added: added.length, skipped: duplicates.length }));
      report.changed();
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
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void readFile();
        }}
      >
        <h3>{t('otpImportHeading')}</h3>
        <p class="muted">{t('otpImportHint')}</p>
        <div class="field text">
          <label for="otp-import-file">{t('otpImportFile')}</label>
          <input
            id="otp-import-file"
            type="file"
            accept=".json,.txt,application/json,text/plain"
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0];
              setFound(null);
              if (!chosen) return setFile(null);
              if (chosen.size > 1024 * 1024) {
                e.currentTarget.value = '';
                return report.error(t('otpFileTooLarge'));
              }
              void chosen.text().then((text) => setFile({ name: chosen.name, text }));
            }}
          />
        </div>
        {isBackup && (
          <TextField
            id="otp-import-passphrase"
            label={t('otpBackupPassphrase')}
            type="password"
            autocomplete="off"
            value={importPassphrase}
            onInput={setImportPassphrase}
          />
        )}
        <button type="submit" disabled={busy || !file}>
          {t('otpReadFile')}
        </button>
      </form>
      {found && (
        <div role="group" aria-label={t('otpFoundHeading')} class="confirm">
          <p>{t('otpFound', { count: found.found.length })}</p>
          <ul data-testid="otp-found">
            {found.found.map((a, i) => (
              <li key={i}>
                <bdi>{a.issuer ? `${a.issuer} (${a.label})` : a.label}</bdi>
                {/* Where its code will be typed: a crafted file must not bind a look-alike to the bank unseen. */}
                <span class="muted" data-testid="otp-found-site">
                  {' '}
                  · {a.site ? t('otpFoundSite', { site: a.site }) : t('otpFoundNoSite')}
                </span>
                {a.duplicate && <span class="muted"> — {t('otpDuplicate')}</span>}
              </li>
            ))}
          </ul>
          <button type="button" disabled={busy} onClick={() => void commit(false)}>
            {found.found.some((a) => a.duplicate) ? t('otpImportNew') : t('otpImportAll')}
          </button>{' '}
          {found.found.some((a) => a.duplicate) && (
            <button type="button" class="secondary" disabled={busy} onClick={() => void commit(true)}>
              {t('otpImportWithDuplicates')}
            </button>
          )}{' '}
          <button type="button" class="secondary" onClick={() => setFound(null)}>
            {t('cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
