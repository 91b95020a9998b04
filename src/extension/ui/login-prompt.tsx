/**
 * A sign-in waiting for its one-time password: the PIN, then the code —
 * filled into the page, and shown with a copy button for whoever prefers to type it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ResponseOf } from '../../core/messages';
import { isPin } from '../../core/pin';
import { t } from '../i18n/t';
import { sendMessage } from '../send-message';
import { dialogMessage } from './dialog-error';
import { settings } from '../settings';
import { evaluatePrf } from './biometric';
import { PinField } from './pin-field';

type Pending = NonNullable<ResponseOf<'getPendingLogin'>['pending']>;
type Answer = ResponseOf<'answerLogin'>;

export function LoginPrompt({
  pending,
  onDone,
  onCancel,
}: {
  pending: Pending;
  onDone: () => void;
  /** The user does not want to sign in with this code: the sign-in stops waiting here. */
  onCancel: () => void;
}) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [copied, setCopied] = useState(false);
  const host = new URL(pending.origin).host;

  async function submit(event: Event, unlock: 'pin' | 'biometric' = 'pin') {
    event.preventDefault();
    if (unlock === 'pin' && !isPin(pin)) {
      setError(t('enterPinDigits'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const prf =
        unlock === 'biometric' && pending.biometric
          ? await evaluatePrf(pending.biometric.credentialId, pending.biometric.prfSalt)
          : null;
      setAnswer(await sendMessage('answerLogin', { pin: prf === null ? pin : null, prf }));
    } catch (e) {
      setError(dialogMessage(e, t('fingerprintCancelled')));
    } finally {
      setBusy(false);
      setPin('');
    }
  }

  if (answer) {
    return (
      <section aria-label={t('oneTimePassword')}>
        <p>{t('codeFor', { host })}</p>
        <p class="code" data-testid="code">
          {answer.code}
        </p>
        <div class="actions">
          <button
            type="button"
            onClick={() => void navigator.clipboard.writeText(answer.code).then(() => setCopied(true))}
          >
            {copied ? t('copied') : t('copy')}
          </button>
          <button type="button" class="secondary" onClick={onDone}>
            {t('close')}
          </button>
        </div>
        <p role="status">{answer.submitted ? t('codeSent') : answer.filled ? t('codeFilled') : answer.problem}</p>
      </section>
    );
  }

  return (
    <form onSubmit={submit} aria-label={t('signIn')}>
      <p>{t('signInAs', { host, email: pending.email })}</p>
      <PinField
        label={t('enterPin')}
        value={pin}
        onInput={setPin}
        disabled={busy}
        describedBy={error ? 'login-error' : undefined}
      />
      {error && (
        <p role="alert" class="error" id="login-error">
          {error}
        </p>
      )}
      <AutoSubmitSetting />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('authenticate')}
        </button>
        {pending.biometric && (
          <button type="button" disabled={busy} onClick={(e) => void submit(e, 'biometric')}>
            {t('useFingerprint')}
          </button>
        )}
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function AutoSubmitSetting() {
  const [checked, setChecked] = useState<boolean | null>(null);
  useEffect(() => void settings.getValue().then((s) => setChecked(s.autoSubmit)), []);
  return (
    <div class="field checkbox">
      <label>
        <input
          type="checkbox"
          checked={checked ?? false}
          onChange={(e) => {
            const autoSubmit = (e.currentTarget as HTMLInputElement).checked;
            setChecked(autoSubmit);
            void settings.setValue({ autoSubmit });
          }}
        />{' '}
        {t('submitForMe')}
      </label>
    </div>
  );
}
