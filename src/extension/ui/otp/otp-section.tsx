/**
 * The popup's one-time codes of other sites (docs/otp-accounts.md): set a passphrase the first
 * time, unlock, then the codes with adding, backup and the auto-lock. Asks the background only
 * after the popup's first screen is up, so the sign-in PIN prompt is not kept waiting.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ResponseOf } from '../../../core/messages';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { targetTab } from '../target-tab';
import { OtpAdd } from './otp-add';
import { OtpBackup } from './otp-backup';
import { OtpList } from './otp-list';
import { OtpPassphrase } from './otp-passphrase';
import { messageOf, type Report } from './otp-report';

type State = ResponseOf<'otpState'>;
const IDLE_CHOICES = [1, 5, 15, 60] as const;

export function OtpSection() {
  const [state, setState] = useState<State | null>(null);
  /** The tab the popup acts on (its site's accounts first; adding binds to its site). */
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Bumped after a change, so the list asks again. */
  const [version, setVersion] = useState(0);
  const [panel, setPanel] = useState<'none' | 'add' | 'backup'>('none');

  const refresh = () => sendMessage('otpState', {}).then(setState, (e: unknown) => setError(messageOf(e)));
  useEffect(() => {
    void targetTab().then((id) => setTabId(id ?? null));
    void refresh();
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
    changed: () => setVersion((v) => v + 1),
  };

  return (
    <section class="otp" aria-labelledby="otp-heading" data-testid="otp">
      <h2 id="otp-heading">{t('otpHeading')}</h2>
      <div aria-live="polite">
        {error && (
          <p role="alert" class="error" id="otp-error">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" class="notice">
            {notice}
          </p>
        )}
      </div>
      {state?.state === 'none' || state?.state === 'locked' ? (
        <OtpPassphrase
          mode={state.state === 'none' ? 'setUp' : 'unlock'}
          describedBy={error ? 'otp-error' : undefined}
          onError={report.error}
          onDone={() => {
            setError(null);
            void refresh();
          }}
        />
      ) : state?.state === 'unlocked' ? (
        <>
          {tabId !== undefined && (
            <OtpList tabId={tabId} version={version} report={report} onLocked={() => void refresh()} />
          )}
          <div class="actions">
            <button
              type="button"
              class="secondary"
              aria-expanded={panel === 'add'}
              onClick={() => setPanel(panel === 'add' ? 'none' : 'add')}
            >
              {t('otpAdd')}
            </button>
            <button
              type="button"
              class="secondary"
              aria-expanded={panel === 'backup'}
              onClick={() => setPanel(panel === 'backup' ? 'none' : 'backup')}
            >
              {t('otpBackupAndImport')}
            </button>
          </div>
          {panel === 'add' && <OtpAdd tabId={tabId ?? null} report={report} />}
          {panel === 'backup' && <OtpBackup report={report} />}
          <p class="otp-lock">
            <label>
              {t('otpLockAfter')}{' '}
              <select
                value={state.idleMinutes}
                onChange={(e) => {
                  const minutes = Number(e.currentTarget.value) as (typeof IDLE_CHOICES)[number];
                  void sendMessage('otpSetIdle', { minutes }).then(refresh, (x: unknown) => setError(messageOf(x)));
                }}
              >
                {IDLE_CHOICES.map((m) => (
                  <option key={m} value={m}>
                    {t('otpMinutes', { minutes: m })}
                  </option>
                ))}
              </select>
            </label>{' '}
            <button
              type="button"
              class="link"
              onClick={() => void sendMessage('otpLock', {}).then(refresh, (e: unknown) => setError(messageOf(e)))}
            >
              {t('otpLockNow')}
            </button>
          </p>
        </>
      ) : null}
    </section>
  );
}
