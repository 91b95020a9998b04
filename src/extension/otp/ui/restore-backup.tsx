/**
 * Restore on a fresh install (docs/otp-accounts.md §6), offered on the Manage codes page before a
 * passphrase is made: a backup file (the automatic backup's, or one exported by hand) or the
 * user's WebDAV folder, and the backup's passphrase — which becomes the codes' passphrase.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MAX_BACKUP_BYTES } from '../../../core/otp/limits';
import { backupText } from '../../i18n/backup-texts';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { messageOf } from '../../ui/message-of';
import type { Report } from './report';
import { TextField } from './text-field';
import { DavFields, type DavPlaceTyped } from './dav-fields';
import { originOf } from './automatic-backup';

export function RestoreBackup({ report }: { report: Report }) {
  const [file, setFile] = useState<string | null>(null);
  const [place, setPlace] = useState<DavPlaceTyped>({ url: '', user: '', password: '' });
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);

  async function restore() {
    setBusy(true);
    try {
      if (!file && !place.url) return report.error(backupText('restoreNothing'));
      const origin = file ? null : originOf(place.url);
      if (origin) await browser.permissions.request({ origins: [origin] }).catch(() => false);
      const from = file ? { file } : place;
      const { restored } = await sendMessage('otpRestore', { from, passphrase });
      setPassphrase('');
      setPlace({ ...place, password: '' });
      report.notice(backupText('restoreDone', { count: restored }));
      report.changed();
    } catch (e) {
      report.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="otp-restore"
      aria-busy={busy}
      onSubmit={(e) => {
        e.preventDefault();
        void restore();
      }}
    >
      <h3>{backupText('restoreTitle')}</h3>
      <div class="field text">
        <label for="restore-file">{backupText('restoreFile')}</label>
        <input
          id="restore-file"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            if (!chosen) return setFile(null);
            if (chosen.size > MAX_BACKUP_BYTES * 2) {
              e.currentTarget.value = '';
              setFile(null);
              return report.error(t('otpFileTooLarge'));
            }
            void chosen.text().then(setFile);
          }}
        />
      </div>
      <p class="muted">{backupText('restoreOr')}</p>
      <DavFields idPrefix="restore-dav" place={place} onInput={setPlace} />
      <TextField
        id="restore-passphrase"
        label={backupText('restorePassphrase')}
        type="password"
        autocomplete="current-password"
        value={passphrase}
        onInput={setPassphrase}
      />
      <button type="submit" disabled={busy}>
        {backupText('restoreButton')}
      </button>
    </form>
  );
}
