/**
 * Turning the biometric unlock on and off. Nothing local can tell a right PIN
 * from a wrong one, so the key it wraps is the one a server has just accepted
 * (a right PIN): kept in memory only, for two minutes, then wiped.
 */
import { fromBase64url } from '../../core/device-crypto';
import { MessageError } from '../../core/messages';
import { t } from '../i18n/t';
import type { MessageHandlers } from '../messaging';
import { wrapForBiometric } from '../vault/biometric-wrap';
import type { Vault } from '../vault/vault';

const VERIFIED_FOR_MS = 2 * 60_000;

export type BiometricSwitch = ReturnType<typeof createBiometricSwitch>;

export function createBiometricSwitch({ vault, now }: { vault: () => Promise<Vault>; now: () => number }) {
  let verified: { accountId: string; key: Uint8Array<ArrayBuffer>; until: number } | null = null;

  /** The OCRA key of an approval a server accepted with the PIN: what the next enableBiometric may wrap. */
  function remember(accountId: string, key: Uint8Array<ArrayBuffer>) {
    verified?.key.fill(0);
    verified = { accountId, key, until: now() + VERIFIED_FOR_MS };
  }

  const enableBiometric: MessageHandlers['enableBiometric'] = async ({ accountId, credentialId, prfSalt, prf }) => {
    const v = await vault();
    const account = await v.get(accountId);
    if (!account) throw new MessageError(t('accountGone'));
    if (!verified || verified.accountId !== accountId || verified.until <= now())
      throw new MessageError(t('biometricAfterPin'));
    const biometric = await wrapForBiometric(verified.key, fromBase64url(prf), accountId, credentialId, prfSalt);
    verified.key.fill(0);
    verified = null;
    await v.put({ ...account, biometric });
    return {};
  };

  const disableBiometric: MessageHandlers['disableBiometric'] = async ({ accountId }) => {
    const v = await vault();
    const account = await v.get(accountId);
    if (!account) throw new MessageError(t('accountGone'));
    const { biometric: _removed, ...rest } = account;
    await v.put(rest);
    return {};
  };

  return { remember, handlers: { enableBiometric, disableBiometric } };
}
