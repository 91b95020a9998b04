/**
 * The Manage codes page: the one-time codes in a tab of their own, opened from the popup — room
 * for hundreds of accounts, and import and export with file choosers and downloads that a toolbar
 * popup cannot keep open (Firefox closes it when the file dialog takes focus).
 */
import { useEffect } from 'preact/hooks';
import { t } from '../../i18n/t';
import { OtpSection } from './codes-section';
import { AutomaticBackup } from './automatic-backup';
import { OtpBackup } from './backup-and-import';
import { RestoreBackup } from './restore-backup';

const PAGE_PARTS = { Restore: RestoreBackup, Backup: AutomaticBackup, Transfer: OtpBackup };

export function CodesPage() {
  useEffect(() => {
    document.title = `Sidekey — ${t('otpManage')}`;
  }, []);
  return (
    <main class="popup codes-page">
      <h1>{t('otpManage')}</h1>
      <OtpSection place="page" page={PAGE_PARTS} />
    </main>
  );
}
