/**
 * The enrolment QR code: what the server's "Add mobile device" page shows and
 * the extension reads from the tab. It names the server's origin, so the
 * extension can refuse a code shown on any other site (origin binding, DESIGN.md).
 *
 *   sidekey://enrol?v=1&origin=<server origin>&id=<enrolment id>&token=<enrolment token>
 *
 * id: 128 random bits, base64url (22 chars); token: 256 random bits, base64url (43 chars).
 */

export const ENROLMENT_QR_PREFIX = 'sidekey://enrol?';
/** Longer payloads are not ours (and jsQR output is bounded by the QR version anyway). */
export const MAX_QR_PAYLOAD = 512;

const ID = /^[A-Za-z0-9_-]{22}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface EnrolmentQr {
  origin: string;
  id: string;
  token: string;
}

export class QrFormatError extends Error {
  override name = 'QrFormatError';
}

export function formatEnrolmentQr({ origin, id, token }: EnrolmentQr): string {
  return `${ENROLMENT_QR_PREFIX}${new URLSearchParams({ v: '1', origin, id, token })}`;
}

/** Parses a QR payload; throws QrFormatError saying what was expected. */
export function parseEnrolmentQr(payload: string): EnrolmentQr {
  if (payload.length > MAX_QR_PAYLOAD) throw new QrFormatError(`QR payload too long: ${payload.length} characters`);
  if (!payload.startsWith(ENROLMENT_QR_PREFIX)) throw new QrFormatError('Not a Sidekey enrolment code');
  const params = new URLSearchParams(payload.slice(ENROLMENT_QR_PREFIX.length));
  const one = (name: string) => {
    const values = params.getAll(name);
    if (values.length !== 1) throw new QrFormatError(`Enrolment code must have exactly one "${name}"`);
    return values[0]!;
  };
  if (one('v') !== '1')
    throw new QrFormatError(`Unsupported enrolment code version "${params.get('v')}", expected "1"`);
  const origin = one('origin');
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw new QrFormatError('Enrolment code names no valid origin');
  }
  if (parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
    throw new QrFormatError(`Enrolment code origin "${origin.slice(0, 80)}" is not an http(s) origin`);
  }
  const id = one('id');
  const token = one('token');
  if (!ID.test(id) || !TOKEN.test(token)) throw new QrFormatError('Enrolment code is malformed');
  return { origin, id, token };
}
