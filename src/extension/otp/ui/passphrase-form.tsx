/** The vault's passphrase: chosen twice the first time, typed once to unlock. */
import { useState } from 'preact/hooks';
import { MIN_PASSPHRASE_LENGTH } from '../../../core/otp/limits';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { messageOf } from '../../ui/message-of';
import { TextField } from './text-field';

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
    if (setUp && [...passphrase].length < MIN_PASSPHRASE_LENGTH) return props.onError(t('otpPassphraseShort'));
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
      <TextField
        id="otp-passphrase"
        label={setUp ? t('otpChoosePassphrase') : t('otpPassphrase')}
        type="password"
        autocomplete={setUp ? 'new-password' : 'current-password'}
        describedBy={props.describedBy}
        value={passphrase}
        onInput={setPassphrase}
      />
      {setUp && (
        <TextField
          id="otp-passphrase-again"
          label={t('otpRepeatPassphrase')}
          type="password"
          autocomplete="new-password"
          value={again}
          onInput={setAgain}
        />
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('otpWorking') : setUp ? t('otpSetUp') : t('otpUnlock')}
      </button>
    </form>
  );
}
