/**
 * 2FAS's `.2fas` backup (schema v3/v4): `{ services: [...], schemaVersion, … }`, or, encrypted,
 * `servicesEncrypted: "<ciphertext‖tag>:<salt>:<iv>"` (base64 each) with the services' JSON under
 * AES-256-GCM and a key of PBKDF2-HMAC-SHA256(password, salt, 10,000 iterations), and `reference`,
 * a fixed text sealed the same way, which 2FAS opens first to tell a wrong password.
 * A service: `{ name, secret (base32), otp: { account, label, issuer, digits, period, counter,
 * algorithm, tokenType: TOTP|HOTP|STEAM } }`.
 */
import { accountFromFields, record } from './account-fields';
import { aesGcmOpen, decryptedJson, fromBase64, pbkdf2 } from './app-crypto';
import { boundedList, entryName, fileError, readEntry, type ImportReading } from './import-entry';

const APP = '2FAS';
const ITERATIONS = 10_000;

export const isTwoFas = (file: Record<string, unknown>) =>
  'schemaVersion' in file && ('services' in file || 'servicesEncrypted' in file);
export const twoFasEncrypted = (file: Record<string, unknown>) => typeof file.servicesEncrypted === 'string';

function sealedParts(text: unknown) {
  const parts = typeof text === 'string' ? text.split(':') : [];
  if (parts.length !== 3) throw fileError('importDamaged', APP);
  return { sealed: fromBase64(parts[0], APP), salt: fromBase64(parts[1], APP), iv: fromBase64(parts[2], APP) };
}

async function openServices(file: Record<string, unknown>, password: string): Promise<unknown> {
  const services = sealedParts(file.servicesEncrypted);
  const key = await pbkdf2(password, services.salt, ITERATIONS, 'SHA-256', APP);
  try {
    if (typeof file.reference === 'string') {
      const reference = sealedParts(file.reference);
      // The reference is sealed under the same salt: a key that opens it is the right password.
      await aesGcmOpen(key, reference.iv, reference.sealed, APP);
    }
    return decryptedJson(await aesGcmOpen(key, services.iv, services.sealed, APP), APP);
  } finally {
    key.fill(0);
  }
}

export async function readTwoFas(file: Record<string, unknown>, password: string | null): Promise<ImportReading> {
  let services: unknown = file.services;
  if (twoFasEncrypted(file)) {
    if (password === null) throw fileError('importNeedsPassword', APP);
    services = await openServices(file, password);
  }
  const groups = new Map<unknown, unknown>(
    (Array.isArray(file.groups) ? file.groups : []).map((g) => [record(g)?.id, record(g)?.name]),
  );
  const entries = boundedList(services, APP).map((raw) => {
    const s = record(raw);
    const otp = record(s?.otp) ?? {};
    const issuer = typeof otp.issuer === 'string' && otp.issuer ? otp.issuer : s?.name;
    const label = typeof otp.account === 'string' && otp.account ? otp.account : otp.label;
    return readEntry(entryName(issuer, label), () =>
      accountFromFields({
        type: otp.tokenType ?? 'TOTP',
        secret: s!.secret,
        algorithm: otp.algorithm,
        digits: otp.digits,
        period: otp.period,
        counter: otp.counter,
        issuer,
        label,
        group: groups.get(s!.groupId),
      }),
    );
  });
  return { app: APP, entries };
}
