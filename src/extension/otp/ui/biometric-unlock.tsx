/**
 * Fingerprint unlock of the codes (background/biometric-service.ts): turned on while the codes are
 * open — a platform credential with the PRF extension made on the extension's origin, its output
 * sent to the background once to wrap the vault key — and used at the lock screen instead of the
 * passphrase. Shown only where the browser offers a user-verifying platform authenticator with PRF.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { biometricUnlockAvailable, createUnlockCredential, evaluatePrf, newPrfSalt } from '../../ui/biometric';
import { messageOf } from '../../ui/message-of';
import type { OtpView, Report } from './report';

function useAvailable() {
  const [available, setAvailable] = useState(false);
  useEffect(() => void biometricUnlockAvailable().then(setAvailable), []);
  return available;
}

/** A step that asks the authenticator: busy meanwhile, a cancelled dialog said as such. */
function useStep(onError: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    try {
      await step();
    } catch (e) {
      onError(e instanceof DOMException ? t('fingerprintCancelled') : messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return [busy, run] as const;
}

/** At the lock screen: the fingerprint instead of the passphrase. */
export function OtpBiometricUnlock(props: {
  biometric: NonNullable<OtpView['biometric']>;
  onError: (message: string) => void;
  onDone: () => void;
}) {
  const available = useAvailable();
  const [busy, run] = useStep(props.onError);
  if (!available) return null;
  const unlock = () =>
    run(async () => {
      const prfOutput = await evaluatePrf(props.biometric.credentialId, props.biometric.prfSalt);
      await sendMessage('otpBiometricUnlock', { prfOutput });
      props.onDone();
    });
  return (
    <button type="button" class="secondary" disabled={busy} onClick={() => void unlock()}>
      {t('otpBiometricUnlock')}
    </button>
  );
}

/** While the codes are open: fingerprint unlock on or off. */
export function OtpBiometricSwitch({ on, report }: { on: boolean; report: Report }) {
  const available = useAvailable();
  const [busy, run] = useStep(report.error);
  if (!available) return null;
  const turn = () =>
    run(async () => {
      if (on) {
        await sendMessage('otpBiometricOff', {});
        report.notice(t('otpBiometricNowOff'));
      } else {
        const credentialId = await createUnlockCredential(t('otpHeading'));
        if (!credentialId) return report.error(t('biometricCannot'));
        const prfSalt = newPrfSalt();
        const prfOutput = await evaluatePrf(credentialId, prfSalt);
        await sendMessage('otpBiometricOn', { credentialId, prfSalt, prfOutput });
        report.notice(t('otpBiometricNowOn'));
      }
      report.changed();
    });
  return (
    <button type="button" class="link" disabled={busy} onClick={() => void turn()}>
      {on ? t('otpBiometricTurnOff') : t('otpBiometricTurnOn')}
    </button>
  );
}
