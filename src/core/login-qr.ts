/**
 * The login QR code of the "EU Login Mobile App QR Code" method: it names the
 * server's origin and the account, so the extension acts on it only on that
 * origin and only for an account it holds (origin binding, DESIGN.md).
 *
 *   sidekey://login?v=1&origin=<origin>&uid=<unique identifier>&tx=<id>&c=<challenge>
 *
 * tx: 128 random bits, base64url; c: 256 random bits as 64 hex digits (the
 * OCRA question of suite OCRA-1:HOTP-SHA256-8:QH64).
 */
import { MAX_QR_PAYLOAD, QrFormatError } from './enrolment-qr';

export const LOGIN_QR_PREFIX = 'sidekey://login?';

export interface LoginQr {
  origin: string;
  uid: string;
  tx: string;
  challenge: string;
}

export function formatLoginQr({ origin, uid, tx, challenge }: LoginQr): string {
  return `${LOGIN_QR_PREFIX}${new URLSearchParams({ v: '1', origin, uid, tx, c: challenge })}`;
}

export function isLoginQr(payload: string): boolean {
  return payload.startsWith(LOGIN_QR_PREFIX);
}

export function parseLoginQr(payload: string): LoginQr {
  if (payload.length > MAX_QR_PAYLOAD) throw new QrFormatError(`QR payload too long: ${payload.length} characters`);
  if (!isLoginQr(payload)) throw new QrFormatError('Not a Sidekey login code');
  const params = new URLSearchParams(payload.slice(LOGIN_QR_PREFIX.length));
  const one = (name: string) => {
    const values = params.getAll(name);
    if (values.length !== 1) throw new QrFormatError(`Login code must have exactly one "${name}"`);
    return values[0]!;
  };
  if (one('v') !== '1') throw new QrFormatError(`Unsupported login code version "${params.get('v')}", expected "1"`);
  const origin = one('origin');
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new QrFormatError('Login code names no valid origin');
  }
  if (url.origin !== origin || !/^https?:$/.test(url.protocol))
    throw new QrFormatError('Login code origin is not an http(s) origin');
  const uid = one('uid');
  const tx = one('tx');
  const challenge = one('c');
  if (!/^[a-z0-9]{3,20}$/.test(uid) || !/^[A-Za-z0-9_-]{22}$/.test(tx) || !/^[0-9a-f]{64}$/.test(challenge)) {
    throw new QrFormatError('Login code is malformed');
  }
  return { origin, uid, tx, challenge };
}
