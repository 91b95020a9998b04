/**
 * The Authenticator browser extension's backup (authenticator.cc): a JSON object of records keyed
 * by hash or id. An entry is `{ account, issuer, secret, type, period, digits, algorithm, counter,
 * pinned, groupId, index }`; types totp, hotp, steam (also a secret prefixed `stm-`), hex and hhex
 * (TOTP and HOTP whose secret is hex), battle (Battle.net, not made by Sidekey). Groups are
 * `{ dataType: "Group", id, name }`. An encrypted backup holds `EncOTPStorage` and `EncGroup`
 * records sealed under a `Key` record, or, from older versions, entries whose secret alone is
 * sealed (`encrypted: true`); authenticator-crypto.ts opens both. The oldest key format (`key:
 * { enc, hash }`) is named and refused.
 */
import { fromHex } from '../../encoding';
import { OtpInputError } from '../otp-error';
import { accountFromFields, record } from './account-fields';
import { openSslOpen, unlockAuthenticatorKey } from './authenticator-crypto';
import {
  entryName,
  fileError,
  MAX_IMPORT_ENTRIES,
  readEntry,
  type ImportEntry,
  type ImportReading,
} from './import-entry';

const APP = 'Authenticator';
/** Its algorithm, stored as a name or as its enum's number (1 SHA-1, 2 SHA-256, 3 SHA-512, 4–5 GOST). */
const ALGORITHMS: Record<string, string> = {
  1: 'SHA1',
  2: 'SHA256',
  3: 'SHA512',
  4: 'GOST3411-2012-256',
  5: 'GOST3411-2012-512',
};
/** More keys than a user who changed the password a few times holds: each costs two Argon2id. */
const MAX_KEYS = 8;

type Item = Record<string, unknown>;

const isOldKey = (v: Item) => typeof v.enc === 'string' && typeof v.hash === 'string';

/** An object whose every value is an entry, a group, one of its encryption's records or its old key. */
export function isAuthenticatorExtension(file: Record<string, unknown>): boolean {
  const values = Object.values(file).map(record);
  return (
    values.length > 0 &&
    values.every((v) => v !== null && (('secret' in v && 'type' in v) || typeof v.dataType === 'string' || isOldKey(v)))
  );
}

export async function readAuthenticatorExtension(
  file: Record<string, unknown>,
  password: string | null,
): Promise<ImportReading> {
  const items = Object.values(file).map((v) => record(v)!);
  if (items.length > MAX_IMPORT_ENTRIES + MAX_KEYS)
    throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
  if (items.some(isOldKey)) throw fileError('importEncryptedUnsupported', APP);
  const sealed = items.some((i) => i.dataType === 'EncOTPStorage' || i.dataType === 'EncGroup' || i.encrypted === true);
  if (sealed && password === null) throw fileError('importNeedsPassword', APP);
  const open = sealed ? opener(items, password!) : null;

  const groups = new Map<string, string>();
  const entries: { index: number; read: () => Promise<Item | null> }[] = [];
  for (const item of items) {
    if (item.dataType === 'Key') continue;
    if (item.dataType === 'Group' || item.dataType === 'EncGroup') {
      const group = item.dataType === 'Group' ? item : await open!.json(item);
      if (group && typeof group.id === 'string' && typeof group.name === 'string') groups.set(group.id, group.name);
      continue;
    }
    const index = typeof item.index === 'number' ? item.index : entries.length;
    entries.push({ index, read: async () => (item.dataType === 'EncOTPStorage' ? open!.json(item) : item) });
  }
  if (entries.length > MAX_IMPORT_ENTRIES) throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
  entries.sort((a, b) => a.index - b.index);

  const read: ImportEntry[] = [];
  const legacy = { sealed: 0, opened: 0 };
  for (const { read: opened } of entries) {
    const entry = await opened();
    if (!entry) {
      // Sealed and not opened: nothing of it is known but its place in the file.
      read.push({ ok: false, name: `#${read.length + 1}`, code: 'entryMalformed', values: {} });
      continue;
    }
    let secret = typeof entry.secret === 'string' ? entry.secret : '';
    if (entry.encrypted === true) {
      legacy.sealed++;
      secret = (await openSslOpen(secret, password!)) ?? '';
      if (/^(stm-)?[A-Za-z2-7]{8,}=*$|^[0-9a-fA-F]{8,}$/.test(secret)) legacy.opened++;
    }
    read.push(account(entry, secret, groups));
  }
  // A secret sealed alone has no check value: when none opens, the password is wrong.
  if (legacy.sealed > 0 && legacy.opened === 0) throw new OtpInputError('importWrongPassword', { app: APP });
  return { app: APP, entries: read };
}

/** Opens sealed records, unlocking each key once (a wrong password refuses the file). */
function opener(items: Item[], password: string) {
  const keys = new Map(items.filter((i) => i.dataType === 'Key').map((k) => [k.id, k]));
  if (keys.size > MAX_KEYS) throw fileError('importDamaged', APP);
  const unlocked = new Map<unknown, Promise<string>>();
  return {
    async json(item: Item): Promise<Item | null> {
      const key = keys.get(item.keyId);
      if (!key) return null;
      if (!unlocked.has(item.keyId)) unlocked.set(item.keyId, unlockAuthenticatorKey(key, password));
      const text = await openSslOpen(item.data, await unlocked.get(item.keyId)!);
      try {
        return text === null ? null : record(JSON.parse(text));
      } catch {
        return null;
      }
    },
  };
}

function hexBytes(text: string): Uint8Array {
  try {
    return fromHex(text);
  } catch {
    throw new OtpInputError('secretNotBase32');
  }
}

function account(e: Item, secret: string, groups: ReadonlyMap<string, string>): ImportEntry {
  return readEntry(entryName(e.issuer, e.account), () => {
    const type = typeof e.type === 'string' ? e.type.toLowerCase() : '';
    const steam = type === 'steam' || secret.startsWith('stm-');
    const hex = type === 'hex' || type === 'hhex';
    return accountFromFields({
      type: steam ? 'steam' : type === 'hex' ? 'totp' : type === 'hhex' ? 'hotp' : type,
      secret: hex ? hexBytes(secret) : steam ? secret.replace(/^stm-/, '') : secret,
      algorithm: ALGORITHMS[String(e.algorithm)] ?? e.algorithm,
      digits: e.digits,
      period: e.period,
      counter: e.counter,
      issuer: e.issuer,
      label: e.account,
      pinned: e.pinned,
      group: typeof e.groupId === 'string' ? groups.get(e.groupId) : undefined,
    });
  });
}
