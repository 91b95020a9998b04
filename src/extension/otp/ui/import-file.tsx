/**
 * Moving in (docs/otp-accounts.md §5): one file chooser for every app's export. The page reads the
 * file (core/otp/import, loaded only when a file is read), asks for a password when the export is
 * encrypted, and lists what it found — each entry it cannot take marked with why. The background
 * marks duplicates and adds nothing before the user confirms; duplicates only when asked.
 */
import { useRef, useState } from 'preact/hooks';
import type { ResponseOf } from '../../../core/messages';
import { base64url } from '../../../core/encoding';
import { MAX_IMPORT_BYTES } from '../../../core/otp/limits';
import { OtpError } from '../../../core/otp/otp-error';
import type { ImportEntry } from '../../../core/otp/import/import-entry';
import { otpErrorText } from '../../i18n/otp-errors';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { messageOf } from '../../ui/message-of';
import type { Report } from './report';
import { TextField } from './text-field';

type Rejected = Extract<ImportEntry, { ok: false }>;
interface Reading {
  app: string;
  found: ResponseOf<'otpImportRead'>['found'];
  importId: string | null;
  rejected: Rejected[];
}

export function OtpImport({ report }: { report: Report }) {
  const [file, setFile] = useState<Uint8Array | null>(null);
  /** The app whose export asked for a password, once it did. */
  const [locked, setLocked] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [reading, setReading] = useState<Reading | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordField = useRef<HTMLDivElement>(null);

  async function step(run: () => Promise<void>) {
    setBusy(true);
    try {
      await run();
    } catch (e) {
      report.error(e instanceof OtpError ? otpErrorText(e) : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const readFile = () =>
    step(async () => {
      if (!file) return;
      const { readImport } = await import('../../../core/otp/import/read-import');
      let result;
      try {
        result = await readImport(file, locked === null ? null : password);
      } catch (e) {
        if (!(e instanceof OtpError && e.code === 'importNeedsPassword')) throw e;
        setLocked(String(e.values.app));
        report.notice(otpErrorText(e));
        setTimeout(() => passwordField.current?.querySelector('input')?.focus());
        return;
      }
      const accounts = result.entries.flatMap((e) =>
        e.ok ? [{ ...e.account, secret: base64url(e.account.secret) }] : [],
      );
      const answer = accounts.length ? await sendMessage('otpImportRead', { accounts }) : null;
      setReading({
        app: result.app,
        importId: answer?.importId ?? null,
        found: answer?.found ?? [],
        rejected: result.entries.filter((e): e is Rejected => !e.ok),
      });
    });

  const forget = () => {
    setReading(null);
    setFile(null);
    setLocked(null);
    setPassword('');
  };
  const commit = (withDuplicates: boolean) =>
    step(async () => {
      if (!reading?.importId) return;
      const { added, duplicates } = await sendMessage('otpImportCommit', {
        importId: reading.importId,
        withDuplicates,
      });
      forget();
      report.notice(t('otpImported', { added: added.length, skipped: duplicates.length }));
      report.changed();
    });
  const anyDuplicate = reading?.found.some((a) => a.duplicate) ?? false;

  return (
    <div class="otp-import" aria-busy={busy}>
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
            onChange={(e) => {
              const chosen = e.currentTarget.files?.[0];
              setReading(null);
              setLocked(null);
              setPassword('');
              if (!chosen) return setFile(null);
              if (chosen.size > MAX_IMPORT_BYTES) {
                e.currentTarget.value = '';
                setFile(null);
                return report.error(t('otpFileTooLarge'));
              }
              void chosen.arrayBuffer().then((buffer) => setFile(new Uint8Array(buffer)));
            }}
          />
        </div>
        {locked !== null && (
          <div ref={passwordField}>
            <TextField
              id="otp-import-password"
              label={t('otpImportPassword')}
              type="password"
              autocomplete="off"
              value={password}
              onInput={setPassword}
            />
          </div>
        )}
        <button type="submit" disabled={busy || !file}>
          {t('otpReadFile')}
        </button>
      </form>
      {reading && (
        <div role="group" aria-label={t('otpFoundHeading')} class="confirm">
          {reading.found.length > 0 && (
            <>
              <p>{t('otpFound', { app: reading.app, count: reading.found.length })}</p>
              <ul data-testid="otp-found">
                {reading.found.map((a, i) => (
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
            </>
          )}
          {reading.rejected.length > 0 && (
            <>
              <p>{t('otpImportRejected', { count: reading.rejected.length })}</p>
              <ul data-testid="otp-rejected">
                {reading.rejected.map((r, i) => (
                  <li key={i}>
                    <bdi>{r.name || `#${i + 1}`}</bdi>
                    <span class="muted"> — {otpErrorText(new OtpError(r.code, r.values))}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {reading.importId && (
            <button type="button" disabled={busy} onClick={() => void commit(false)}>
              {anyDuplicate ? t('otpImportNew') : t('otpImportAll')}
            </button>
          )}{' '}
          {anyDuplicate && (
            <button type="button" class="secondary" disabled={busy} onClick={() => void commit(true)}>
              {t('otpImportWithDuplicates')}
            </button>
          )}{' '}
          <button type="button" class="secondary" onClick={forget}>
            {t('cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
