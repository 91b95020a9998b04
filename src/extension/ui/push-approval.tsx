/**
 * The approval screen of a push request: what is asked and by whom, the three
 * numbers to choose from (number matching: the one on the sign-in page), the
 * PIN — or, where it is on, the fingerprint (biometric unlock) — and Approve,
 * Deny, "This wasn't me". Refusing needs neither.
 */
import { useState } from 'preact/hooks';
import type { PendingPush } from '../../core/messages';
import { isPin } from '../../core/pin';
import { sendMessage } from '../send-message';
import { dialogMessage } from './dialog-error';
import { t } from '../i18n/t';
import { evaluatePrf } from './biometric';
import { PinField } from './pin-field';

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function PushApproval({
  request,
  onDone,
  onCancel,
}: {
  request: PendingPush;
  onDone: (outcome: { message: string; error?: boolean; offerBiometric?: boolean }) => void;
  /** Leaves the request unanswered (it stays waiting until it expires, or is answered later). */
  onCancel: () => void;
}) {
  const [number, setNumber] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const host = new URL(request.serverOrigin).host;
  const title =
    request.purpose === 'add-device'
      ? t('addDeviceRequest')
      : request.purpose === 'add-authenticator'
        ? t('addAuthenticatorRequest')
        : t('signInRequest');
  const asks =
    request.purpose === 'add-device'
      ? t('asksAddDevice', { email: request.email, host })
      : request.purpose === 'add-authenticator'
        ? t('asksAddAuthenticator', { email: request.email, host })
        : t('asksSignIn', { service: request.service ?? 'EU Login', email: request.email, host });

  async function answer(decision: 'approve' | 'deny' | 'report', unlock: 'pin' | 'biometric' = 'pin') {
    if (decision === 'approve') {
      if (number === null) return setError(t('chooseNumberFirst'));
      if (unlock === 'pin' && !isPin(pin)) return setError(t('enterPinDigits'));
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
            ? t('approved', { browser: request.browser })
            : status === 'denied'
              ? t('denied')
              : t('reported'),
      });
    } catch (e) {
      const message = dialogMessage(e, t('fingerprintCancelled'));
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
      <p>{asks}</p>
      <dl class="request-facts">
        <dt>{t('browser')}</dt>
        <dd>{t('browserOn', { browser: request.browser, os: request.os })}</dd>
        <dt>{t('ipAddress')}</dt>
        <dd>{request.ip}</dd>
        <dt>{t('time')}</dt>
        <dd>{time(request.createdAt)}</dd>
      </dl>
      <fieldset class="numbers" disabled={busy}>
        <legend>{t('chooseNumber')}</legend>
        {request.choices.map((n) => (
          <label key={n} class={number === n ? 'number chosen' : 'number'}>
            <input
              type="radio"
              name="number"
              value={n}
              checked={number === n}
              onChange={() => {
                setNumber(n);
                // "Choose the number…" is answered by choosing one.
                setError((shown) => (shown === t('chooseNumberFirst') ? null : shown));
              }}
              aria-describedby={error ? 'push-error' : undefined}
            />
            <span>{n}</span>
          </label>
        ))}
      </fieldset>
      <PinField
        label={t('enterPin')}
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
          {t('approve')}
        </button>
        {request.biometric && (
          <button type="button" disabled={busy} onClick={() => void answer('approve', 'biometric')}>
            {t('approveWithFingerprint')}
          </button>
        )}
        <button type="button" class="secondary" disabled={busy} onClick={() => void answer('deny')}>
          {t('deny')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      <p>
        <button type="button" class="link" disabled={busy} onClick={() => void answer('report')}>
          {t('notMe')}
        </button>
      </p>
    </form>
  );
}
