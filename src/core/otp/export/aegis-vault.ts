/**
 * An Aegis vault file (Aegis's docs/vault.md), so a Sidekey user can take the codes to a phone:
 * `{ version: 1, header: { slots, params }, db }`, one password slot — a random 256-bit master key
 * wrapped with AES-256-GCM under scrypt(password, 256-bit salt, N = 2^15, r = 8, p = 1), the values
 * Aegis itself writes — and `db`, the entries' JSON under AES-256-GCM with the master key, base64.
 * Hex for keys, nonces, tags and salts; base32 without padding for secrets, as Aegis reads them.
 */
import { scrypt } from 'hash-wasm';
import { Secret } from 'otpauth';
import { base64, hex } from '../../encoding';
import type { BackupAccount } from '../backup';
import { isTimeBased } from '../kinds';

export const AEGIS_SCRYPT = { n: 2 ** 15, r: 8, p: 1 };
const TAG_BYTES = 16;

async function gcm(key: Uint8Array<ArrayBuffer>, plain: Uint8Array<ArrayBuffer>) {
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, cryptoKey, plain));
  // WebCrypto appends the tag; Aegis keeps it apart.
  return { nonce, data: sealed.slice(0, -TAG_BYTES), tag: sealed.slice(-TAG_BYTES) };
}

/** Aegis's entry for an account: `type`, names, `favorite`, and `info` by kind. */
function entry(a: BackupAccount) {
  const info = {
    secret: new Secret({ buffer: a.secret.slice().buffer }).base32,
    algo: a.algorithm,
    digits: a.digits,
    ...(isTimeBased(a.kind) ? { period: a.period } : { counter: a.counter }),
  };
  return {
    type: a.kind,
    uuid: crypto.randomUUID(),
    name: a.label,
    issuer: a.issuer,
    note: a.site ? `Sidekey site: ${a.site}` : '',
    favorite: a.pinned,
    icon: null,
    // Aegis's content before db version 3 named an entry's group in `group`; ours is version 1.
    group: a.group || null,
    info,
  };
}

export async function writeAegisVault(
  accounts: readonly BackupAccount[],
  password: string,
  params = AEGIS_SCRYPT,
): Promise<string> {
  const master = crypto.getRandomValues(new Uint8Array(32));
  const salt = crypto.getRandomValues(new Uint8Array(32));
  const derived = new Uint8Array(
    await scrypt({
      password: new TextEncoder().encode(password.normalize('NFC')),
      salt,
      costFactor: params.n,
      blockSize: params.r,
      parallelism: params.p,
      hashLength: 32,
      outputType: 'binary',
    }),
  );
  const wrapped = await gcm(derived, master);
  derived.fill(0);
  const plain = new TextEncoder().encode(JSON.stringify({ version: 1, entries: accounts.map(entry) }));
  const db = await gcm(master, plain);
  plain.fill(0);
  master.fill(0);
  const slot = {
    type: 1,
    uuid: crypto.randomUUID(),
    key: hex(wrapped.data),
    key_params: { nonce: hex(wrapped.nonce), tag: hex(wrapped.tag) },
    n: params.n,
    r: params.r,
    p: params.p,
    salt: hex(salt),
    repaired: true,
    is_backup: false,
  };
  const header = { slots: [slot], params: { nonce: hex(db.nonce), tag: hex(db.tag) } };
  return `${JSON.stringify({ version: 1, header, db: base64(db.data) }, null, 4)}\n`;
}
