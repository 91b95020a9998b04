/**
 * A sign-in waiting for its one-time password: the PIN, then the code —
 * filled into the page, and shown with a copy button for whoever prefers to type it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ResponseOf } from '../../core/messages';
import { sendMessage } from '../messaging';
import { settings } from '../settings';
import { evaluatePrf } from './biometric';
import { PinField } from './pin-field';

type Pending = NonNullable<ResponseOf<'getPendingLogin'>['pending']>;
type Answer = ResponseOf<'answerLogin'>;

export function LoginPrompt({ pending, onDone }: { pending: Pending; onDone: () => void }) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [copied, setCopied] = useState(false);
  const host = new URL(pending.origin).host;

  async function submit(event: Event, unlock: 'pin' | 'biometric' = 'pin') {
    event.preventDefault();
    if (unlock === 'pin' && !/^\d{4}$/.test(pin)) {
      setError('Enter the 4 digits of your PIN code.');
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
      setError(
        e instanceof DOMException && e.name === 'NotAllowedError'
          ? 'Fingerprint unlock was cancelled. Try again, or use your PIN code.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
      setPin('');
    }
  }

  if (answer) {
    return (
      <section aria-label="One-time password">
        <p>Your code for {host}:</p>
        <p class="code" data-testid="code">
          {answer.code}
        </p>
        <div class="actions">
          <button
            type="button"
            onClick={() => void navigator.clipboard.writeText(answer.code).then(() => setCopied(true))}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" class="secondary" onClick={onDone}>
            Close
          </button>
        </div>
        <p role="status">
          {answer.submitted
            ? 'The code was filled in and sent. The page will say whether the server accepted it.'
            : answer.filled
              ? 'The code was filled in. Choose “Sign in” on the page.'
              : answer.problem}
        </p>
      </section>
    );
  }

  return (
    <form onSubmit={submit} aria-label="Sign in">
      <p>
        Sign in to <strong>{host}</strong> as <strong>{pending.email}</strong>.
      </p>
      <PinField
        label="Enter your PIN code"
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
          Authenticate
        </button>
        {pending.biometric && (
          <button type="button" disabled={busy} onClick={(e) => void submit(e, 'biometric')}>
            Use fingerprint
          </button>
        )}
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
        Submit the code for me
      </label>
    </div>
  );
}
