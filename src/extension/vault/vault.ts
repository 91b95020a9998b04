/**
 * The vault: one IndexedDB database (through idb) holding the enrolled
 * accounts. The device's signing key is a non-extractable CryptoKey, stored
 * as such (structured clone); the OCRA key only PIN-wrapped. Nothing secret in
 * plain text. Upgrade ladder: add `if (oldVersion < 2) …` below, never edit a step.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AccountSummary } from '../../core/messages';
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

interface VaultSchema extends DBSchema {
  accounts: { key: string; value: VaultAccount; indexes: { byOrigin: string } };
}

export const VAULT_NAME = 'sidekey-vault';
export const VAULT_VERSION = 1;

export type Vault = ReturnType<typeof wrapVault>;

export async function openVault(name = VAULT_NAME): Promise<Vault> {
  const db = await openDB<VaultSchema>(name, VAULT_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const accounts = database.createObjectStore('accounts', { keyPath: 'id' });
        accounts.createIndex('byOrigin', 'serverOrigin');
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
    close: () => db.close(),
  };
}

export function summary(account: VaultAccount): AccountSummary {
  const { id, serverOrigin, uid, email, deviceName, createdAt } = account;
  return { id, serverOrigin, uid, email, deviceName, createdAt, biometric: account.biometric !== undefined };
}
