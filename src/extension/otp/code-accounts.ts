/**
 * The one-time-code accounts under their passphrase (docs/otp-accounts.md §3, where this key is
 * "the vault key"; the records live in the one IndexedDB database, vault/vault.ts): a random 256-bit key seals every account
 * record whole (sealed-records.ts); the key itself is kept only wrapped by the passphrase's Argon2id
 * key. Unlocked, it lives in this background's memory (a non-extractable CryptoKey) and its raw
 * bytes in `storage.session` (memory only, extension pages only), so a restarted service worker is
 * still unlocked; never in storage.local or IndexedDB. Locks after the idle time the user chose, by
 * an alarm each use pushes forward, or at once on request.
 */
import { defineStoredItem } from '../stored-item';
import { browser } from 'wxt/browser';
import { base64url, fromBase64url } from '../../core/encoding';
import { isSameAccount, type OtpParameters } from '../../core/otp/otpauth-uri';
import { CodesLocked, OtpInputError, PassphraseError } from '../../core/otp/otp-error';
import { newKdfParams, open, passphraseKey, seal, type KdfParams } from '../../core/otp/passphrase-key';
import { importAesGcmKey, VAULT_KEY_CONTEXT as KEY_CONTEXT } from '../../core/otp/synced-backup';
import { rememberDeleted, syncedAccounts } from './synced-accounts';
import { oneAtATime } from './one-at-a-time';
import { DEFAULT_OTP_IDLE_MINUTES, MAX_OTP_ACCOUNTS, MIN_PASSPHRASE_LENGTH } from '../../core/otp/limits';
import { openRecord, sealRecord, type OtpAccount } from './sealed-records';
import type { OtpKeyRecord, Vault } from '../vault/vault';

export type { OtpAccount } from './sealed-records';
export { CodesLocked } from '../../core/otp/otp-error';

export const OTP_LOCK_ALARM = 'sidekey-otp-lock';

const unlockedKey = defineStoredItem<string | null>('session:otpVaultKey', { fallback: null });
const idleMinutes = defineStoredItem<number>('local:otpIdleMinutes', { fallback: DEFAULT_OTP_IDLE_MINUTES });

export type CodesState = 'none' | 'locked' | 'unlocked';

export type CodeAccounts = ReturnType<typeof createCodeAccounts>;

export function createCodeAccounts({
  vault,
  now = Date.now,
  kdfParams = newKdfParams,
}: {
  vault: () => Promise<Vault>;
  now?: () => number;
  /** The parameters a new passphrase key gets (tests choose cheap ones; the defaults are RFC 9106's). */
  kdfParams?: () => KdfParams;
}) {
  let memoryKey: CryptoKey | null = null;

  const exclusive = oneAtATime(); // every change alone, in the order asked (one-at-a-time.ts)

  async function keepUnlocked(raw: Uint8Array<ArrayBuffer>) {
    memoryKey = await importAesGcmKey(raw);
    opened = null;
    await unlockedKey.setValue(base64url(raw));
    raw.fill(0);
    await touch();
    unlockListeners.forEach((follow) => follow());
  }

  /** The unlocked key: from memory, or from storage.session after the worker restarted. */
  async function key(): Promise<CryptoKey> {
    if (memoryKey) return memoryKey;
    const stored = await unlockedKey.getValue();
    if (!stored) throw new CodesLocked();
    const raw = fromBase64url(stored);
    memoryKey = await importAesGcmKey(raw);
    raw.fill(0);
    return memoryKey;
  }

  /** Each use pushes the auto-lock forward. */
  const touch = async () => browser.alarms.create(OTP_LOCK_ALARM, { delayInMinutes: await idleMinutes.getValue() });

  async function state(): Promise<CodesState> {
    if (!(await (await vault()).otp.key())) return 'none';
    return memoryKey || (await unlockedKey.getValue()) ? 'unlocked' : 'locked';
  }

  /** The first time: a new vault key, wrapped by this passphrase; unlocked. */
  async function setUp(passphrase: string) {
    const v = await vault();
    if (await v.otp.key()) throw new PassphraseError('passphraseExists');
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
      throw new PassphraseError('passphraseTooShort', { min: MIN_PASSPHRASE_LENGTH });
    const kdf = kdfParams();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const wrapped = await seal(await passphraseKey(passphrase, kdf), raw, KEY_CONTEXT);
    await v.otp.setKey({ kdf, wrapped, createdAt: now() });
    await keepUnlocked(raw);
  }

  /** The stored key record, opened by `opener` (the passphrase's, or the biometric unlock's), to raw bytes. */
  async function openKey(opener: (stored: OtpKeyRecord) => Promise<Uint8Array<ArrayBuffer>>) {
    const stored = await (await vault()).otp.key();
    if (!stored) throw new PassphraseError('passphraseFirst');
    return opener(stored);
  }
  const byPassphrase = (passphrase: string) => async (stored: OtpKeyRecord) =>
    open(await passphraseKey(passphrase, stored.kdf), stored.wrapped, KEY_CONTEXT);

  /** A wrong passphrase is a PassphraseError; nothing local can count tries, and Argon2id makes each one cost. */
  const unlock = async (passphrase: string) => keepUnlocked(await openKey(byPassphrase(passphrase)));
  /** Unlocked by another opener of the stored key (code-biometric.ts: the WebAuthn PRF's wrap). */
  const unlockWith = async (opener: Parameters<typeof openKey>[0]) => keepUnlocked(await openKey(opener));

  /** The passphrase asked again before every secret leaves the vault (an export); the vault stays as it is. */
  const confirm = async (passphrase: string) => (await openKey(byPassphrase(passphrase))).fill(0);

  /** Where biometric unlock is on: its credential and PRF input (the popup asks the authenticator). */
  const biometric = async () => {
    const wrap = (await (await vault()).otp.key())?.biometric;
    return wrap ? { credentialId: wrap.credentialId, prfSalt: wrap.prfSalt } : null;
  };
  /** The stored key record as `change` makes it from the unlocked key's raw bytes (zeroed after). */
  async function rewrap(change: (raw: Uint8Array<ArrayBuffer>, stored: OtpKeyRecord) => Promise<OtpKeyRecord>) {
    const [v, session] = [await vault(), await unlockedKey.getValue()];
    const [stored, raw] = [await v.otp.key(), fromBase64url(session ?? '')];
    if (!session || !stored) throw new CodesLocked();
    await v.otp.setKey(await change(raw, stored).finally(() => raw.fill(0)));
  }

  /** What else holds something of the vault in memory, to forget it at lock (auto-lock included). */
  const lockListeners: (() => void)[] = [];
  const onLock = (listener: () => void) => void lockListeners.push(listener);
  /** What follows every change the user makes, and every unlock (the automatic backup). */
  const [changeListeners, unlockListeners]: [(() => void)[], (() => void)[]] = [[], []];
  const onChange = (listener: () => void) => void changeListeners.push(listener);
  const onUnlock = (listener: () => void) => void unlockListeners.push(listener);
  const changed = () => {
    opened = null;
    changeListeners.forEach((follow) => follow());
  };

  async function lock() {
    memoryKey = null;
    opened = null;
    lockListeners.forEach((forget) => forget());
    await unlockedKey.removeValue();
    await browser.alarms.clear(OTP_LOCK_ALARM);
  }

  const sealAccount = async (account: OtpAccount) => sealRecord(await key(), account, now());

  /**
   * The accounts opened since the last change, while unlocked: the popup opened again need not
   * decrypt every record. In this background's memory only, beside the key that opens them
   * (docs/otp-accounts.md §3); forgotten at every change and at lock.
   */
  let opened: Promise<OtpAccount[]> | null = null;

  async function openAll(): Promise<OtpAccount[]> {
    const k = await key();
    return Promise.all((await (await vault()).otp.records()).map((record) => openRecord(k, record)));
  }

  /**
   * Every account, opened (the secrets stay in this background). `{ use: false }` for reads no
   * user asked for (a page of a site asking whether to offer a code, the fill scripts' sync): they
   * do not push the auto-lock back, or browsing would keep it open.
   */
  async function accounts({ use = true }: { use?: boolean } = {}): Promise<OtpAccount[]> {
    await key(); // locked: CodesLocked, whatever is remembered
    if (!opened) {
      opened = openAll();
      opened.catch(() => (opened = null));
    }
    const all = [...(await opened)];
    if (use) await touch();
    return all;
  }
  /**
   * Adds accounts, all or none; those already held (same secret, issuer and account name) are
   * not added again and are answered as duplicates, for the user to see.
   */
  type NewAccount = OtpParameters & { site: string; pinned?: boolean; addedAt?: number };
  const add = (items: readonly NewAccount[], { allowDuplicates = false } = {}) =>
    exclusive(() => addNow(items, allowDuplicates));
  async function addNow(items: readonly NewAccount[], allowDuplicates: boolean) {
    const held = await accounts();
    const duplicates: (OtpParameters & { site: string })[] = [];
    const added: OtpAccount[] = [];
    for (const item of items) {
      if (!allowDuplicates && [...held, ...added].some((a) => isSameAccount(a, item))) duplicates.push(item);
      else
        added.push({
          ...item,
          id: base64url(crypto.getRandomValues(new Uint8Array(16))),
          pinned: item.pinned ?? false,
          addedAt: item.addedAt ?? now(),
        });
    }
    // All or none, and never past the one limit every list and backup can carry.
    if (held.length + added.length > MAX_OTP_ACCOUNTS)
      throw new OtpInputError('tooManyAccounts', { max: MAX_OTP_ACCOUNTS, held: held.length });
    await (await vault()).otp.putAll(await Promise.all(added.map(sealAccount)));
    changed();
    return { added, duplicates };
  }

  type Change = Partial<Pick<OtpAccount, 'issuer' | 'label' | 'pinned' | 'site' | 'group'>>;

  /** Changes an account as it is now (read inside the queue, so no other change is lost). */
  const update = (id: string, change: Change | ((account: OtpAccount) => Partial<OtpAccount>)) =>
    exclusive(async () => {
      const account = (await accounts()).find((a) => a.id === id);
      if (!account) throw new OtpInputError('accountGone');
      const next = { ...account, ...(typeof change === 'function' ? change(account) : change), id };
      await (await vault()).otp.put(await sealAccount(next));
      changed();
      return { before: account, after: next };
    });

  /**
   * Takes the HOTP account's next counter value: the account as it was (its counter is the value
   * to use), the stored counter one further. One value to each caller, however many ask at once.
   */
  async function takeCounter(id: string): Promise<OtpAccount> {
    const { before } = await update(id, (account) => {
      if (account.kind !== 'hotp') throw new OtpInputError('accountGone');
      return { counter: account.counter + 1 };
    });
    return before;
  }

  const remove = (id: string) =>
    exclusive(async () => {
      await key(); // only an unlocked vault changes
      await (await vault()).otp.remove(id);
      await rememberDeleted(id, now());
      changed();
    });

  /** A new idle time applies at once to an unlocked vault. */
  async function setIdleMinutes(minutes: number) {
    await idleMinutes.setValue(minutes);
    if ((await state()) === 'unlocked') await touch();
  }

  return {
    ...{ state, setUp, unlock, unlockWith, confirm, biometric, rewrap, lock, onLock },
    ...{ accounts, add, update, takeCounter, remove, setIdleMinutes },
    ...{ onChange, onUnlock },
    ...syncedAccounts({
      vault,
      now,
      inner: { key, exclusive, keepUnlocked, accounts, forget: () => void (opened = null) },
    }),
  };
}

export const otpIdleMinutes = idleMinutes;
