/**
 * Google Authenticator's "Transfer accounts" QR codes, written: `otpauth-migration://offline?data=`
 * base64 of a protobuf MigrationPayload (the message migration-uri.ts reads; field numbers there),
 * ten accounts a code as Google Authenticator makes them, each code naming its batch (size, index,
 * and one random id) so an app that reads them knows when it has all. Google Authenticator keeps no
 * period and only 6 or 8 digits: a TOTP of another period, 7 digits, or a Steam account cannot go,
 * and is named to the user instead of being changed.
 */
import { base64 } from '../../encoding';
import type { OtpParameters } from '../otpauth-uri';

export const TRANSFER_BATCH = 10;

/** Whether Google Authenticator can take the account as it is. */
export const transferable = (a: OtpParameters) =>
  a.kind !== 'steam' && (a.digits === 6 || a.digits === 8) && (a.kind === 'hotp' || a.period === 30);

// MigrationPayload's enums: Algorithm SHA1 = 1, SHA256 = 2, SHA512 = 3; DigitCount SIX = 1,
// EIGHT = 2; OtpType HOTP = 1, TOTP = 2.
const ALGORITHM = { SHA1: 1, SHA256: 2, SHA512: 3 } as const;

/** Protobuf wire format (encoding guide): varints, and length-delimited bytes. */
class Writer {
  private bytes: number[] = [];
  varint(value: number) {
    let v = value;
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
    return this;
  }
  number(field: number, value: number) {
    return this.varint(field * 8).varint(value);
  }
  data(field: number, value: Uint8Array) {
    this.varint(field * 8 + 2).varint(value.length);
    this.bytes.push(...value);
    return this;
  }
  text(field: number, value: string) {
    return this.data(field, new TextEncoder().encode(value));
  }
  done() {
    return new Uint8Array(this.bytes);
  }
}

function otpParameters(a: OtpParameters): Uint8Array {
  const w = new Writer()
    .data(1, a.secret)
    .text(2, a.issuer ? `${a.issuer}:${a.label}` : a.label)
    .text(3, a.issuer)
    .number(4, ALGORITHM[a.algorithm])
    .number(5, a.digits === 8 ? 2 : 1)
    .number(6, a.kind === 'hotp' ? 1 : 2);
  if (a.kind === 'hotp') w.number(7, a.counter);
  return w.done();
}

/** The transfer codes' texts for the accounts Google Authenticator can take, and those it cannot. */
export function transferCodes(
  accounts: readonly OtpParameters[],
  batchId = crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1,
): { codes: string[]; left: OtpParameters[] } {
  const going = accounts.filter(transferable);
  const batches: OtpParameters[][] = [];
  for (let i = 0; i < going.length; i += TRANSFER_BATCH) batches.push(going.slice(i, i + TRANSFER_BATCH));
  const codes = batches.map((batch, index) => {
    const w = new Writer();
    for (const a of batch) w.data(1, otpParameters(a));
    w.number(2, 1).number(3, batches.length).number(4, index).number(5, batchId);
    return `otpauth-migration://offline?data=${encodeURIComponent(base64(w.done()))}`;
  });
  return { codes, left: accounts.filter((a) => !transferable(a)) };
}
