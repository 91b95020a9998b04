/**
 * The enrolment QR code: what the server's "Add mobile device" page shows and
 * the extension reads from the tab. It names the server's origin, so the
 * extension can refuse a code shown on any other site (docs/security-model.md, "Origin binding").
 *
 *   sidekey://enrol?v=1&origin=<server origin>&id=<enrolment id>&token=<enrolment token>
 *
 * id: 128 random bits, base64url (22 chars); token: 256 random bits, base64url (43 chars).
 */
import { readSidekeyUri, QrFormatError } from './sidekey-uri';

export { MAX_QR_PAYLOAD, QrFormatError } from './sidekey-uri';

export const ENROLMENT_QR_PREFIX = 'sidekey://enrol?';

const ID = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface EnrolmentQr {
  origin: string;
  id: string;
  token: string;
}

export function formatEnrolmentQr({ origin, id, token }: EnrolmentQr): string {
  return `${ENROLMENT_QR_PREFIX}${new URLSearchParams({ v: '1', origin, id, token })}`;
}

/** Parses a QR payload; throws QrFormatError saying what was expected. */
export function parseEnrolmentQr(payload: string): EnrolmentQr {
  const { one, origin } = readSidekeyUri(payload, ENROLMENT_QR_PREFIX, 'enrolment');
  const id = one('id');
  const token = one('token');
  if (!ID.test(id) || !TOKEN.test(token)) throw new QrFormatError('Enrolment code is malformed');
  return { origin, id, token };
}
