/**
 * The answer to a push request: signed by the device key, and for an approval
 * carrying the OCRA response computed with the PIN-unwrapped key (a wrong PIN
 * gives a wrong code; only the server can tell). docs/protocol.md §6.
 */
import { randomNonce, signText } from '../../core/device-crypto';
import { MessageError } from '../../core/messages';
import { importOcraKey, ocra } from '../../core/ocra';
import { pushAnswerResult, pushSignatureInput } from '../../core/push-api';
import { t } from '../i18n/t';
import type { MessageHandlers } from '../messaging';
import type { Vault } from '../vault/vault';
import type { BiometricSwitch } from './biometric-switch';
import type { PushCache } from './push-cache';
import { ApiCallError, postJson } from './server-api';
import { unlockSecret } from './unlock';

/** Server answers after which the request is over for this device. */
const FINAL_CODES = new Set(['used', 'expired', 'not-found', 'wrong-number', 'locked']);

export function createAnswerPush(o: {
  vault: () => Promise<Vault>;
  cache: PushCache;
  biometric: BiometricSwitch;
  now: () => number;
}): MessageHandlers['answerPush'] {
  return async ({ id, decision, number, pin, prf }) => {
    const found = await o.cache.find(id);
    const account = found && (await (await o.vault()).get(found.accountId));
    if (!found || !account) throw new MessageError(t('requestGone'));
    const { request } = found;
    // The raw secret is kept (two minutes) only after a PIN approval, to be wrapped for the biometric unlock.
    const raw =
      decision === 'approve' ? await unlockSecret(account, prf === null ? { pin: pin!, prf } : { prf }) : null;
    const key = raw && (await importOcraKey(account.ocraSuite, raw));
    const otp = key ? await ocra(account.ocraSuite, key, { question: request.challenge }) : null;
    const timestamp = o.now();
    const nonce = randomNonce();
    const signature = await signText(
      account.signingKey,
      pushSignatureInput({
        id,
        deviceId: account.id,
        challenge: request.challenge,
        decision,
        number,
        timestamp,
        nonce,
      }),
    );
    try {
      const result = await postJson(
        account.serverOrigin,
        `/api/push/${id}/answer`,
        { deviceId: account.id, decision, number, otp, timestamp, nonce, signature },
        pushAnswerResult,
      );
      await o.cache.forget(id);
      const byPin = result.status === 'approved' && pin !== null && key !== null;
      if (byPin) o.biometric.remember(account.id, raw!);
      else raw?.fill(0);
      return { ...result, offerBiometric: byPin && !account.biometric };
    } catch (error) {
      raw?.fill(0);
      if (
        error instanceof ApiCallError &&
        (FINAL_CODES.has(error.code ?? '') || (error.code === 'wrong-pin' && error.attemptsLeft === 0))
      )
        await o.cache.forget(id);
      throw error;
    }
  };
}
