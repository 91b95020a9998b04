/** The vault's passphrase: chosen twice the first time, typed once to unlock. */
import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { messageOf } from './otp-report';

const MIN_LENGTH = 10;

export function OtpPassphrase(props: {
  mode: 'setUp' | 'unlock';
  describedBy?: string;
  onError: (message: string) => void;
  onDone: () => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const setUp = props.mode === 'setUp';

  async function submit(event: Event) {
    event.preventDefault();
    if (setUp && [...passphrase].length < MIN_LENGTH) return props.onError(t('otpPassphraseShort'));
    if (setUp && passphrase !== again) return props.onError(t('otpPassphrasesDiffer'));
    setBusy(true);
    try {
      await sendMessage(setUp ? 'otpSetUp' : 'otpUnlock', { passphrase });
      props.onDone();
    } catch (e) {
      props.onError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-busy={busy}>
      <p class="muted">{setUp ? t('otpSetUpHint') : t('otpLockedHint')}</p>
      <div class="field text">
        <label for="otp-passphrase">{setUp ? t('otpChoosePassphrase') : t('otpPassphrase')}</label>
        <input
          id="otp-passphrase"
          type="password"
          autocomplete={setUp ? 'new-password' : 'current-password'}
          value={passphrase}
          aria-describedby={props.describedBy}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
      </div>
      {setUp && (
        <div class="field text">
          <label for="otp-passphrase-again">{t('otpRepeatPassphrase')}</label>
          <input
            id="otp-passphrase-again"
            type="password"
            autocomplete="new-password"
            value={again}
            onInput={(e) => setAgain(e.currentTarget.value)}
          />
        </div>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('otpWorking') : setUp ? t('otpSetUp') : t('otpUnlock')}
      </button>
    </form>
  );
}
