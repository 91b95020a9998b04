/**
 * The approval screen of a push request: what is asked and by whom, the three
 * numbers to choose from (number matching: the one on the sign-in page), the
 * PIN — or, where it is on, the fingerprint (biometric unlock) — and Approve,
 * Deny, "This wasn't me". Refusing needs neither.
 */
import { useState } from 'preact/hooks';
import type { PendingPush } from '../../core/messages';
import { sendMessage } from '../messaging';
import { evaluatePrf } from './biometric';
import { PinField } from './pin-field';

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function PushApproval({
  request,
  onDone,
}: {
  request: PendingPush;
  onDone: (outcome: { message: string; error?: boolean; offerBiometric?: boolean }) => void;
}) {
  const [number, setNumber] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const host = new URL(request.serverOrigin).host;
  const title = request.purpose === 'add-device' ? 'Approve adding a device' : 'Sign-in request';
  const asks =
    request.purpose === 'add-device'
      ? 'Someone signed in to My Account wants to add a new device to'
      : `${request.service ?? 'EU Login'} asks to sign you in as`;

  async function answer(decision: 'approve' | 'deny' | 'report', unlock: 'pin' | 'biometric' = 'pin') {
    if (decision === 'approve') {
      if (number === null) return setError('Choose the number shown on the sign-in page.');
      if (unlock === 'pin' && !/^\d{4}$/.test(pin)) return setError('Enter the 4 digits of your PIN code.');
    }
    setBusy(true);
    setError(null);
    try {
      // Biometric unlock: the authenticator's PRF output stands in for the PIN (the background unwraps with it).
      const prf =
        decision === 'approve' && unlock === 'biometric' && request.biometric
          ? await evaluatePrf(request.biometric.credentialId, request.biometric.prfSalt)
          : null;
      const { status, offerBiometric } = await sendMessage('answerPush', {
        id: request.id,
        decision,
        number: decision === 'approve' ? number : null,
        pin: decision === 'approve' && prf === null ? pin : null,
        prf,
      });
      onDone({
        offerBiometric,
        message:
          status === 'approved'
            ? `Approved. The page on ${request.browser} will continue by itself.`
            : status === 'denied'
              ? 'Denied. The sign-in was stopped.'
              : 'Reported. The sign-in was stopped and the server will e-mail you. Change your password soon.',
      });
    } catch (e) {
      const message =
        e instanceof DOMException && e.name === 'NotAllowedError'
          ? 'Fingerprint unlock was cancelled. Try again, or use your PIN code.'
          : e instanceof Error
            ? e.message
            : String(e);
      // A wrong PIN with attempts left keeps the request open: try again. Anything that ended it closes the screen.
      const { requests } = await sendMessage('getPushRequests', { check: false }).catch(() => ({ requests: [] }));
      if (requests.some((r) => r.id === request.id)) setError(message);
      else onDone({ message, error: true });
    } finally {
      setBusy(false);
      setPin('');
    }
  }

  return (
    <form
      aria-labelledby="push-title"
      data-testid="push-approval"
      onSubmit={(e) => {
        e.preventDefault();
        void answer('approve');
      }}
    >
      <h2 id="push-title">{title}</h2>
      <p>
        {asks} <strong>{request.email}</strong> on <strong>{host}</strong>.
      </p>
      <dl class="request-facts">
        <dt>Browser</dt>
        <dd>
          {request.browser} on {request.os}
        </dd>
        <dt>IP address</dt>
        <dd>{request.ip}</dd>
        <dt>Time</dt>
        <dd>{time(request.createdAt)}</dd>
      </dl>
      <fieldset class="numbers" disabled={busy}>
        <legend>Choose the number shown on the sign-in page</legend>
        {request.choices.map((n) => (
          <label key={n} class={number === n ? 'number chosen' : 'number'}>
            <input
              type="radio"
              name="number"
              value={n}
              checked={number === n}
              onChange={() => setNumber(n)}
              aria-describedby={error ? 'push-error' : undefined}
            />
            <span>{n}</span>
          </label>
        ))}
      </fieldset>
      <PinField
        label="Enter your PIN code"
        value={pin}
        onInput={setPin}
        disabled={busy}
        autoFocus={false}
        describedBy={error ? 'push-error' : undefined}
      />
      {error && (
        <p role="alert" class="error" id="push-error">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          Approve
        </button>
        {request.biometric && (
          <button type="button" disabled={busy} onClick={() => void answer('approve', 'biometric')}>
            Approve with fingerprint
          </button>
        )}
        <button type="button" class="secondary" disabled={busy} onClick={() => void answer('deny')}>
          Deny
        </button>
      </div>
      <p>
        <button type="button" class="link" disabled={busy} onClick={() => void answer('report')}>
          This wasn’t me
        </button>
      </p>
    </form>
  );
}
