/** The popup's home: the accounts, "Initialise with this page", "Check for requests", and the one-time codes of other sites. */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AccountSummary } from '../../core/messages';
import { t } from '../i18n/t';
import { AccountsList } from './accounts-list';
import { firstPendingLogin } from './early-requests';

/**
 * The one-time codes' section is a chunk of its own: a popup opened for a sign-in's PIN or a push
 * approval never loads or evaluates it. Its loading starts as soon as the background says no
 * sign-in waits (beside the codes' own first question, early-requests.ts), not after the home is drawn.
 */
const loadOtpSection = () => import('../otp/ui/codes-section').then((m) => m.OtpSection);
let otpSection: Promise<FunctionComponent<{ place?: 'popup' | 'page' }>> | null = null;
void firstPendingLogin.then(
  ({ pending }) => {
    if (!pending) otpSection ??= loadOtpSection();
  },
  () => undefined,
);

function LazyOtpSection() {
  const [Section, setSection] = useState<FunctionComponent<{ place?: 'popup' | 'page' }> | null>(null);
  useEffect(() => {
    void (otpSection ??= loadOtpSection()).then((loaded) => setSection(() => loaded));
  }, []);
  return Section ? <Section /> : null;
}

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
      <LazyOtpSection />
    </>
  );
}
