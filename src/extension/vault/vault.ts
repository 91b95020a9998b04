/**
 * The vault: one IndexedDB database (through idb) holding the enrolled
 * accounts. The device's signing key is a non-extractable CryptoKey, stored
 * as such (structured clone); the OCRA key only PIN-wrapped. Nothing secret in
 * plain text. Since version 2 it also holds the one-time-code accounts of other
 * sites, each record sealed whole under the one-time codes' key, and that key wrapped
 * by the passphrase (docs/otp-accounts.md §3). Upgrade ladder: add
 * `if (oldVersion < 3) …` below, never edit a step.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AccountSummary } from '../../core/messages';
import type { KdfParams, Sealed } from '../../core/otp/passphrase-key';
import type { BiometricUnlock } from './biometric-wrap';
import type { WrappedSecret } from './pin-wrap';

export interface VaultAccount extends Omit<AccountSummary, 'biometric'> {
  /** The device id the server gave; also the record's key. */
  id: string;
  signingKey: CryptoKey;
  ocraSuite: string;
  wrappedSecret: WrappedSecret;
  /** Optional biometric unlock (WebAuthn PRF); absent until the user turns it on. Added without a version bump: optional. */
  biometric?: BiometricUnlock;
}

/** A one-time-code account of another site: everything about it sealed, its id aside. */
export interface OtpRecord {
  id: string;
  sealed: Sealed;
  updatedAt: number;
}

/** The one-time codes' key (code-accounts.ts), wrapped by the passphrase's Argon2id key (and the parameters to derive it again). */
export interface OtpKeyRecord {
  kdf: KdfParams;
  wrapped: Sealed;
  createdAt: number;
  /** The same key wrapped a second time by a WebAuthn PRF output (otp/code-biometric.ts), when turned on. */
  biometric?: BiometricUnlock;
}

interface VaultSchema extends DBSchema {
  accounts: { key: string; value: VaultAccount; indexes: { byOrigin: string } };
  otpRecords: { key: string; value: OtpRecord };
  otpKey: { key: 'key'; value: OtpKeyRecord };
}

export const VAULT_NAME = 'sidekey-vault';
export const VAULT_VERSION = 2;

export type Vault = ReturnType<typeof wrapVault>;

export async function openVault(name = VAULT_NAME): Promise<Vault> {
  const db = await openDB<VaultSchema>(name, VAULT_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const accounts = database.createObjectStore('accounts', { keyPath: 'id' });
        accounts.createIndex('byOrigin', 'serverOrigin');
      }
      if (oldVersion < 2) {
        database.createObjectStore('otpRecords', { keyPath: 'id' });
        database.createObjectStore('otpKey');
      }
    },
  });
  return wrapVault(db);
}

function wrapVault(db: IDBPDatabase<VaultSchema>) {
  return {
    async put(account: VaultAccount): Promise<void> {
      await db.put('accounts', account);
    },
    get: (id: string) => db.get('accounts', id),
    all: () => db.getAll('accounts'),
    byOrigin: (origin: string) => db.getAllFromIndex('accounts', 'byOrigin', origin),
    async remove(id: string): Promise<void> {
      await db.delete('accounts', id);
    },
    otp: {
      key: () => db.get('otpKey', 'key'),
      async setKey(record: OtpKeyRecord): Promise<void> {
        await db.put('otpKey', record, 'key');
      },
      records: () => db.getAll('otpRecords'),
      record: (id: string) => db.get('otpRecords', id),
      async put(record: OtpRecord): Promise<void> {
        await db.put('otpRecords', record);
      },
      /** Several records at once, all or none (an import). */
      async putAll(records: readonly OtpRecord[]): Promise<void> {
        const tx = db.transaction('otpRecords', 'readwrite');
        await Promise.all([...records.map((r) => tx.store.put(r)), tx.done]);
      },
      async remove(id: string): Promise<void> {
        await db.delete('otpRecords', id);
      },
    },
    close: () => db.close(),
  };
}

export function summary(account: VaultAccount): AccountSummary {
  const { id, serverOrigin, uid, email, deviceName, createdAt } = account;
  return { id, serverOrigin, uid, email, deviceName, createdAt, biometric: account.biometric !== undefined };
}
