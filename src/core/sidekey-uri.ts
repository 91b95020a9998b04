/**
 * The shared reading of Sidekey's QR payloads (`sidekey://<kind>?…`): bounded
 * length, a known prefix, each parameter exactly once, version 1, and an
 * http(s) origin with nothing else. Each payload kind checks its own fields.
 */

/** Longer payloads are not ours (and jsQR output is bounded by the QR version anyway). */
export const MAX_QR_PAYLOAD = 512;

export class QrFormatError extends Error {
  override name = 'QrFormatError';
}

export interface SidekeyUri {
  /** The one value of a parameter; throws when it is missing or repeated. */
  one(name: string): string;
  /** The `origin` parameter, checked to be an http(s) origin. */
  origin: string;
}

export function readSidekeyUri(payload: string, prefix: string, kind: 'enrolment' | 'login'): SidekeyUri {
  const Kind = kind[0]!.toUpperCase() + kind.slice(1);
  if (payload.length > MAX_QR_PAYLOAD) throw new QrFormatError(`QR payload too long: ${payload.length} characters`);
  if (!payload.startsWith(prefix)) throw new QrFormatError(`Not a Sidekey ${kind} code`);
  const params = new URLSearchParams(payload.slice(prefix.length));
  const one = (name: string) => {
    const values = params.getAll(name);
    if (values.length !== 1) throw new QrFormatError(`${Kind} code must have exactly one "${name}"`);
    return values[0]!;
  };
  if (one('v') !== '1') throw new QrFormatError(`Unsupported ${kind} code version "${params.get('v')}", expected "1"`);
  const origin = one('origin');
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new QrFormatError(`${Kind} code names no valid origin`);
  }
  if (url.origin !== origin || !/^https?:$/.test(url.protocol)) {
    throw new QrFormatError(`${Kind} code origin "${origin.slice(0, 80)}" is not an http(s) origin`);
  }
  return { one, origin };
}
