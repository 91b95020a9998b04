/**
 * Unlocking an account's OCRA key for one answer: by the PIN (PBKDF2 → AES-CTR, vault/pin-wrap.ts)
 * or by the biometric's PRF output (vault/biometric-wrap.ts). The key is imported once, as a
 * non-extractable HMAC key for its suite, and its raw bytes are wiped at once: nothing after the
 * unlock holds them (but the PIN approval that may offer the biometric unlock, for two minutes),
 * and the code is made without importing it again (core/ocra.ts).
 */
import { fromBase64url } from '../../core/encoding';
import { MessageError } from '../../core/messages';
import { importOcraKey } from '../../core/ocra';
import { t } from '../i18n/t';
import { unwrapWithBiometric } from '../vault/biometric-wrap';
import { unwrapSecret } from '../vault/pin-wrap';
import type { VaultAccount } from '../vault/vault';

export type Unlock = { pin: string; prf: null } | { pin?: string | null; prf: string };

/** The raw secret: only for what needs its bytes (wrapping it for the biometric unlock). */
export async function unlockSecret(account: VaultAccount, unlock: Unlock): Promise<Uint8Array<ArrayBuffer>> {
  return unlock.prf === null
    ? ((await unwrapSecret(account.wrappedSecret, unlock.pin)) as Uint8Array<ArrayBuffer>)
    : biometricKey(account, unlock.prf);
}

export async function unlockOcraKey(account: VaultAccount, unlock: Unlock): Promise<CryptoKey> {
  const raw = await unlockSecret(account, unlock);
  try {
    return await importOcraKey(account.ocraSuite, raw);
  } finally {
    raw.fill(0);
  }
}

async function biometricKey(account: VaultAccount, prf: string): Promise<Uint8Array<ArrayBuffer>> {
  if (!account.biometric) throw new MessageError(t('biometricNotOn'));
  return unwrapWithBiometric(account.biometric, fromBase64url(prf), account.id).catch(() => {
    throw new MessageError(t('biometricFailed'));
  });
}
