/**
 * After a PIN the server accepted: "Use your fingerprint instead of the PIN
 * next time?" Turning it on creates the unlock credential and hands its PRF
 * output to the background, which wraps the account's key with it.
 */
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../messaging';
import { createUnlockCredential, evaluatePrf, newPrfSalt, biometricUnlockAvailable } from './biometric';

export function BiometricOffer({
  accountId,
  email,
  onDone,
}: {
  accountId: string;
  email: string;
  onDone: (message: string) => void;
}) {
  const [supported, setSupported] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void biometricUnlockAvailable().then(setSupported), []);
  if (supported === null) return null;
  if (!supported)
    return (
      <p class="muted" data-testid="biometric-unavailable">
        Fingerprint unlock is not available here: it needs this computer’s own authenticator (fingerprint, face or
        device PIN) with the WebAuthn PRF extension. Keep using your PIN code.
      </p>
    );

  async function turnOn() {
    setBusy(true);
    setError(null);
    try {
      const credentialId = await createUnlockCredential(email);
      if (!credentialId)
        throw new Error('This computer’s authenticator cannot unlock Sidekey. Keep using your PIN code.');
      const prfSalt = newPrfSalt();
      const prf = await evaluatePrf(credentialId, prfSalt);
      await sendMessage('enableBiometric', { accountId, credentialId, prfSalt, prf });
      onDone('Fingerprint unlock is on. Next time, approve with your fingerprint instead of the PIN.');
    } catch (e) {
      setError(
        e instanceof DOMException && e.name === 'NotAllowedError'
          ? 'Cancelled.'
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="biometric-title" class="biometric-offer" data-testid="biometric-offer">
      <h2 id="biometric-title">Use your fingerprint next time?</h2>
      <p>Approve with this computer’s fingerprint, face or device PIN instead of typing your Sidekey PIN code.</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void turnOn()}>
          Turn on fingerprint unlock
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => onDone('')}>
          Not now
        </button>
      </div>
    </section>
  );
}
