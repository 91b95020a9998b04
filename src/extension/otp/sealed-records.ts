/**
 * One account as the vault stores it (docs/otp-accounts.md §3): the whole record — secret, issuer,
 * name, site — sealed under the vault key with AES-256-GCM, its id bound as additional data (a
 * record moved to another id does not open), and opened back with what it held checked.
 */
import { base64url, fromBase64url } from '../../core/encoding';
import { OTP_ALGORITHMS, withoutBidiControls, type OtpParameters } from '../../core/otp/otpauth-uri';
import { open, seal } from '../../core/otp/passphrase-key';
import type { OtpRecord } from '../vault/vault';

/** An account as the background holds it once opened: the parameters and what the user made of it. */
export interface OtpAccount extends OtpParameters {
  id: string;
  /** The registrable domain it was added on, where its code is offered; '' for none. */
  site: string;
  pinned: boolean;
  addedAt: number;
  /** The group the user keeps it in; absent or '' for none (records kept before groups have none). */
  group?: string;
  /** When the record was last written (its `updatedAt`, outside the seal): what a merge compares. */
  modifiedAt?: number;
}

type StoredAccount = Omit<OtpAccount, 'id' | 'secret' | 'modifiedAt'> & { secret: string };

const recordContext = (id: string) => `sidekey-otp-record v1 ${id}`;

export async function sealRecord(key: CryptoKey, account: OtpAccount, at: number): Promise<OtpRecord> {
  const { id, secret, modifiedAt: _was, ...rest } = account;
  const plain = new TextEncoder().encode(
    JSON.stringify({ ...rest, secret: base64url(secret) } satisfies StoredAccount),
  );
  const sealed = await seal(key, plain, recordContext(id));
  plain.fill(0);
  return { id, sealed, updatedAt: at };
}

export async function openRecord(key: CryptoKey, record: OtpRecord): Promise<OtpAccount> {
  const stored = JSON.parse(
    new TextDecoder().decode(await open(key, record.sealed, recordContext(record.id))),
  ) as StoredAccount;
  if (!(OTP_ALGORITHMS as readonly string[]).includes(stored.algorithm)) throw new Error('unreadable record');
  // Names kept before bidi controls were refused at entry are drawn without them too.
  const issuer = withoutBidiControls(stored.issuer);
  const label = withoutBidiControls(stored.label);
  return {
    ...stored,
    issuer,
    label,
    id: record.id,
    secret: fromBase64url(stored.secret),
    modifiedAt: record.updatedAt,
  };
}
