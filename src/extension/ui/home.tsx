/** The popup's home: the accounts, "Initialise with this page", "Check for requests", and the one-time codes of other sites. */
import type { AccountSummary } from '../../core/messages';
import { t } from '../i18n/t';
import { AccountsList } from './accounts-list';
import { OtpSection } from '../otp/ui/codes-section';

export function Home(props: {
  accounts: AccountSummary[] | null;
  busy: boolean;
  onRemove: (account: AccountSummary) => Promise<void>;
  onBiometricOff: (account: AccountSummary) => Promise<unknown>;
  onReadPage: () => void;
  onCheckRequests: () => void;
}) {
  const { accounts } = props;
  return (
    <>
      <section aria-label={t('accounts')} data-testid="status">
        {accounts && (
          <AccountsList accounts={accounts} onRemove={props.onRemove} onBiometricOff={props.onBiometricOff} />
        )}
        <div class="actions">
          <button type="button" onClick={props.onReadPage} disabled={props.busy}>
            {t('initialiseWithPage')}
          </button>
          {accounts && accounts.length > 0 && (
            <button type="button" class="secondary" onClick={props.onCheckRequests}>
              {t('checkRequests')}
            </button>
          )}
        </div>
        <p class="muted">{t('initialiseHint')}</p>
      </section>
      <OtpSection />
    </>
  );
}
