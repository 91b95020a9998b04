/**
 * The one-time codes of other sites (docs/otp-accounts.md): set a passphrase the first time,
 * unlock, then the codes with adding and the auto-lock. In the popup, for the tab's site, first
 * drawn from the answer to the popup's first question (early-requests.ts); on the Manage codes
 * page (codes-page.tsx), for no tab, with backup and import beside the list — file choosers and
 * downloads do not survive a popup that closes when the file dialog takes focus.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { Messages } from '../../ui/messages';
import { targetTab } from '../../ui/target-tab';
import { OtpAdd } from './add-account';
import { BackupWarning } from './backup-warning';
import type { ComponentType } from 'preact';
import { OtpList } from './code-list';
import { OtpPassphrase } from './passphrase-form';
import { OtpBiometricSwitch, OtpBiometricUnlock } from './biometric-unlock';
import { type OtpView, type Report } from './report';
import { messageOf } from '../../ui/message-of';
import { OTP_IDLE_MINUTES, type OtpIdleMinutes } from '../../../core/otp/limits';

const openManage = () => void browser.tabs.create({ url: browser.runtime.getURL('/codes.html') });

/**
 * What only the Manage codes page shows (export and import, the automatic backup, the restore),
 * given by that page: the popup, opened far more often, does not load them.
 */
export interface PageParts {
  Restore: ComponentType<{ report: Report }>;
  Backup: ComponentType<{ report: Report }>;
  Transfer: ComponentType<{ report: Report }>;
}

/** The codes that came with the popup's first question, and their tab (early-requests.ts). */
export interface FirstCodes {
  tabId: number | null;
  list: OtpView;
}

export function OtpSection({
  place = 'popup',
  page,
  first,
}: {
  place?: 'popup' | 'page';
  page?: PageParts;
  /** The popup's: drawn at once, without asking again; absent, the section asks itself. */
  first?: FirstCodes | null;
}) {
  const [view, setView] = useState<OtpView | null>(first?.list ?? null);
  /** The tab the popup acts on (its site's accounts first; adding binds to its site). */
  const [tabId, setTabId] = useState<number | null>(first?.tabId ?? null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  const load = (tab = tabId) =>
    sendMessage('otpList', { tabId: tab }).then(setView, (e: unknown) => setError(messageOf(e)));
  useEffect(() => {
    if (first) return;
    void (async () => {
      const tab = place === 'popup' ? ((await targetTab()) ?? null) : null;
      setTabId(tab);
      await load(tab);
    })();
  }, []);

  const report: Report = {
    error: (message: string) => {
      setNotice(null);
      setError(message);
    },
    notice: (message: string) => {
      setError(null);
      setNotice(message);
    },
    changed: () => void load(),
  };
  const idle = (minutes: OtpIdleMinutes) =>
    sendMessage('otpSetIdle', { minutes }).then(
      () => load(),
      (e: unknown) => setError(messageOf(e)),
    );

  return (
    <section class="otp" aria-labelledby="otp-heading" data-testid="otp">
      <h2 id="otp-heading">{t('otpHeading')}</h2>
      <Messages error={error} notice={notice} errorId="otp-error" />
      {view?.state === 'none' || view?.state === 'locked' ? (
        <>
          {view.state === 'none' && page && <page.Restore report={report} />}
          {view.state === 'none' && place === 'popup' && (
            <p>
              <button type="button" class="secondary" data-testid="restore-offer" onClick={openManage}>
                {t('otpRestoreOffer')}
              </button>
            </p>
          )}
          {view.state === 'locked' && place === 'popup' && <BackupWarning />}
          <OtpPassphrase
            mode={view.state === 'none' ? 'setUp' : 'unlock'}
            describedBy={error ? 'otp-error' : undefined}
            onError={report.error}
            onDone={() => {
              setError(null);
              void load();
            }}
          />
          {view.state === 'locked' && view.biometric && (
            <OtpBiometricUnlock
              biometric={view.biometric}
              onError={report.error}
              onDone={() => {
                setError(null);
                void load();
              }}
            />
          )}
        </>
      ) : view?.state === 'unlocked' ? (
        <>
          {place === 'popup' && <BackupWarning />}
          <OtpList view={view} report={report} />
          <div class="actions">
            <button type="button" class="secondary" aria-expanded={adding} onClick={() => setAdding(!adding)}>
              {t('otpAdd')}
            </button>
            {place === 'popup' && (
              <button type="button" class="secondary" title={t('otpManageHint')} onClick={openManage}>
                {t('otpManage')}
              </button>
            )}
          </div>
          {adding && <OtpAdd tabId={tabId} report={report} />}
          {page && <page.Backup report={report} />}
          {page && <page.Transfer report={report} />}
          <p class="otp-lock">
            <label>
              {t('otpLockAfter')}{' '}
              <select
                value={view.idleMinutes}
                onChange={(e) => void idle(Number(e.currentTarget.value) as OtpIdleMinutes)}
              >
                {OTP_IDLE_MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {t('otpMinutes', { minutes: m })}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button
              type="button"
              class="link"
              onClick={() =>
                void sendMessage('otpLock', {}).then(
                  () => load(),
                  (e: unknown) => setError(messageOf(e)),
                )
              }
            >
              {t('otpLockNow')}
            </button>{' '}
            <OtpBiometricSwitch on={view.biometric !== null} report={report} />
          </p>
        </>
      ) : null}
    </section>
  );
}
