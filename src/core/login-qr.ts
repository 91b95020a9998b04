/**
 * The login QR code of the "EU Login Mobile App QR Code" method: it names the
 * server's origin and the account, so the extension acts on it only on that
 * origin and only for an account it holds (docs/security-model.md, "Origin binding").
 *
 *   sidekey://login?v=1&origin=<origin>&uid=<unique identifier>&tx=<id>&c=<challenge>
 *
 * tx: 128 random bits, base64url; c: 256 random bits as 64 hex digits (the
 * OCRA question of suite OCRA-1:HOTP-SHA256-8:QH64).
 */
import { QrFormatError, readSidekeyUri } from './sidekey-uri';

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

/** Parses a QR payload; throws QrFormatError saying what was expected. */
export function parseLoginQr(payload: string): LoginQr {
  const { one, origin } = readSidekeyUri(payload, LOGIN_QR_PREFIX, 'login');
  const uid = one('uid');
  const tx = one('tx');
  const challenge = one('c');
  if (!/^[a-z0-9]{3,20}$/.test(uid) || !/^[A-Za-z0-9_-]{22}$/.test(tx) || !/^[0-9a-f]{64}$/.test(challenge)) {
    throw new QrFormatError('Login code is malformed');
  }
  return { origin, uid, tx, challenge };
}
