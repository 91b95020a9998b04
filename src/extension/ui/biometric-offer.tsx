/**
 * After a PIN the server accepted: "Use your fingerprint instead of the PIN
 * next time?" Turning it on creates the unlock credential and hands its PRF
 * output to the background, which wraps the account's key with it.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/t';
import { sendMessage } from '../send-message';
import { dialogMessage } from './dialog-error';
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
        {t('biometricUnavailable')}
      </p>
    );

  async function turnOn() {
    setBusy(true);
    setError(null);
    try {
      const credentialId = await createUnlockCredential(email);
      if (!credentialId) throw new Error(t('biometricCannot'));
      const prfSalt = newPrfSalt();
      const prf = await evaluatePrf(credentialId, prfSalt);
      await sendMessage('enableBiometric', { accountId, credentialId, prfSalt, prf });
      onDone(t('biometricNowOn'));
    } catch (e) {
      setError(dialogMessage(e, t('cancelled')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="biometric-title" class="biometric-offer" data-testid="biometric-offer">
      <h2 id="biometric-title">{t('biometricTitle')}</h2>
      <p>{t('biometricText')}</p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void turnOn()}>
          {t('biometricTurnOn')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => onDone('')}>
          {t('notNow')}
        </button>
      </div>
    </section>
  );
}
