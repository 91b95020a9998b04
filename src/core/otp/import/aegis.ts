/**
 * Aegis's vault file (its docs/vault.md): `{ version: 1, header: { slots, params }, db }`. Plain,
 * `db` is the content; encrypted, `db` is base64 of AES-256-GCM under a master key that each
 * password slot (type 1) wraps with AES-256-GCM under scrypt(password, salt, N, r, p). Entries:
 * `{ type: totp|hotp|steam|yandex|motp, name, issuer, favorite, info: { secret (base32), algo,
 * digits, period | counter } }`; groups, notes and icons have no place in Sidekey and are left.
 */
import { accountFromFields, record } from './account-fields';
import { aesGcmOpen, decryptedJson, fromBase64, fromHex, scryptKey } from './app-crypto';
import { boundedList, entryName, fileError, readEntry, type ImportReading } from './import-entry';
import { OtpInputError } from '../otp-error';

const APP = 'Aegis';

export const isAegis = (file: Record<string, unknown>) => 'header' in file && 'db' in file;
export const aegisEncrypted = (file: Record<string, unknown>) => typeof file.db === 'string';

async function openDb(file: Record<string, unknown>, password: string): Promise<unknown> {
  const header = record(file.header);
  const params = record(header?.params);
  const slots = Array.isArray(header?.slots) ? header.slots.map(record) : [];
  const passwordSlots = slots.filter((s) => s?.type === 1).slice(0, 8);
  if (!params || passwordSlots.length === 0) throw fileError('importDamaged', APP);
  const sealed = fromBase64(file.db, APP);
  // The master key from the first slot this password opens (a vault may have several passwords).
  for (const slot of passwordSlots) {
    const keyParams = record(slot!.key_params);
    const derived = await scryptKey(password, fromHex(slot!.salt, APP), { n: slot!.n, r: slot!.r, p: slot!.p }, APP);
    let masterKey: Uint8Array<ArrayBuffer>;
    try {
      masterKey = await aesGcmOpen(
        derived,
        fromHex(keyParams?.nonce, APP),
        concat(fromHex(slot!.key, APP), fromHex(keyParams?.tag, APP)),
        APP,
      );
    } catch (error) {
      if (error instanceof OtpInputError && error.code === 'importWrongPassword') continue;
      throw error;
    }
    // The master key opened: a failure now is a damaged file, not the password.
    try {
      const plain = await aesGcmOpen(
        masterKey,
        fromHex(params.nonce, APP),
        concat(sealed, fromHex(params.tag, APP)),
        APP,
      );
      return decryptedJson(plain, APP);
    } catch {
      throw fileError('importDamaged', APP);
    } finally {
      masterKey.fill(0);
    }
  }
  throw new OtpInputError('importWrongPassword', { app: APP });
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export async function readAegis(file: Record<string, unknown>, password: string | null): Promise<ImportReading> {
  let db: unknown = file.db;
  if (aegisEncrypted(file)) {
    if (password === null) throw fileError('importNeedsPassword', APP);
    db = await openDb(file, password);
  }
  const content = record(db);
  if (!content) throw fileError('importDamaged', APP);
  // Groups: `db.groups` by uuid, each entry naming its own (db v3); a name in `group` before.
  const groups = new Map<unknown, unknown>(
    (Array.isArray(content.groups) ? content.groups : []).map((g) => [record(g)?.uuid, record(g)?.name]),
  );
  const entries = boundedList(content.entries, APP).map((raw) => {
    const e = record(raw);
    const info = record(e?.info);
    const group = Array.isArray(e?.groups) ? groups.get(e.groups[0]) : e?.group;
    return readEntry(entryName(e?.issuer, e?.name), () =>
      accountFromFields({
        type: e!.type,
        secret: info!.secret,
        algorithm: info!.algo,
        digits: info!.digits,
        period: info!.period,
        counter: info!.counter,
        issuer: e!.issuer,
        label: e!.name,
        pinned: e!.favorite,
        group,
      }),
    );
  });
  return { app: APP, entries };
}
