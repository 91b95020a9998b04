/** The popup's home: the accounts, "Initialise with this page", "Check for requests", and the one-time codes of other sites. */
import type { FunctionComponent } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import type { AccountSummary } from '../../core/messages';
import { t } from '../i18n/t';
import { AccountsList } from './accounts-list';
import { firstOtpList } from './early-requests';
import type { FirstCodes } from '../otp/ui/codes-section';

/**
 * The one-time codes' section is a chunk of its own, fetched the moment the popup starts, beside
 * its first question (early-requests.ts): it is evaluated while the popup waits for that answer,
 * and drawn with the codes that come with it in one render. A popup opened for a sign-in's PIN or
 * a push approval fetches it too, in that same wait, and never draws it.
 */
type Section = FunctionComponent<{ first?: FirstCodes | null }>;
const loadOtpSection = () => import('../otp/ui/codes-section').then((m): Section => m.OtpSection);
let otpSection: Promise<Section> | null = loadOtpSection();
otpSection.catch(() => (otpSection = null));
/** The first answer's codes are drawn once: a section drawn again later (after a push screen) asks afresh. */
let firstCodes: Promise<FirstCodes | null> | null = firstOtpList.catch(() => null);

function LazyOtpSection() {
  const [ready, setReady] = useState<{ Section: Section; first: FirstCodes | null } | null>(null);
  // A layout effect: the section is drawn in the render that follows, not a frame later.
  useLayoutEffect(() => {
    const first = firstCodes ?? Promise.resolve(null);
    firstCodes = null;
    void Promise.all([(otpSection ??= loadOtpSection()), first]).then(([Section, codes]) =>
      setReady({ Section, first: codes }),
    );
  }, []);
  // No first codes (the first question failed, or a sign-in took the popup first): the section asks itself.
  return ready ? <ready.Section first={ready.first} /> : null;
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
