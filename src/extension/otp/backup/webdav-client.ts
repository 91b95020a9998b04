/**
 * The user's own WebDAV folder (Nextcloud, ownCloud, a NAS, Apache mod_dav) for the automatic
 * backup (docs/otp-accounts.md §6): one file, `sidekey-codes.json`, read and written with HTTP
 * conditions so that no browser overwrites another's backup unseen — a write names the version it
 * replaces (`If-Match`, RFC 9110 §13.1.1) or that there is none (`If-None-Match: *`, §13.1.2), and
 * the server answers 412 when another browser wrote in between. Every answer is bounded: a time
 * limit on the whole exchange, a size limit on every body, no redirect followed (the app password
 * goes to the server the user typed, never to a host it names), Basic authentication only over
 * https or to this machine.
 */
import type { DavErrorCode } from '../../../core/otp/backup-status';
import { MAX_BACKUP_BYTES } from '../../../core/otp/limits';

export const BACKUP_FILE_NAME = 'sidekey-codes.json';
/** What a slow server gets for a whole exchange, body included. */
export const DAV_TIMEOUT_MS = 20_000;
/** The largest body read: a backup's limit and a margin (a PROPFIND answer is far smaller). */
export const MAX_DAV_BODY_BYTES = MAX_BACKUP_BYTES * 2;

export interface DavPlace {
  /** The folder, ending in '/'. */
  url: string;
  user: string;
  password: string;
  /** The time limit of one exchange (DAV_TIMEOUT_MS unless a test shortens it). */
  timeoutMs?: number;
}

export class DavError extends Error {
  override name = 'DavError';
  constructor(
    readonly code: DavErrorCode | 'noPermission',
    readonly status?: number,
  ) {
    super(status ? `${code} (HTTP ${status})` : code);
  }
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** The folder's URL as used: http(s), no user or fragment in it, ending in '/'; plain http to this machine only. */
export function davFolderUrl(typed: string): string {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw new DavError('badUrl');
  }
  if (!['https:', 'http:'].includes(url.protocol) || url.username || url.password || url.hash)
    throw new DavError('badUrl');
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) throw new DavError('insecure');
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * The host permission the folder needs, asked for that server only: a match pattern, which names
 * no port (a pattern with one matches nothing in Firefox; the host's permission covers its ports).
 */
export function davOrigin(folderUrl: string): string {
  const url = new URL(folderUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

const fileUrl = (place: DavPlace) => new URL(BACKUP_FILE_NAME, place.url).href;

function authorization({ user, password }: DavPlace) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

async function exchange(place: DavPlace, url: string, init: RequestInit & { headers?: Record<string, string> }) {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      headers: { ...init.headers, authorization: authorization(place) },
      // No cookie and no stored login go with it, and no login dialog comes of a 401.
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'manual',
      signal: AbortSignal.timeout(place.timeoutMs ?? DAV_TIMEOUT_MS),
    });
  } catch (error) {
    throw new DavError(isTimeout(error) ? 'timeout' : 'unreachable');
  }
  // 'manual' gives an opaque answer (status 0) for a redirect in a browser, the 3xx itself in Node.
  if (
    response.type === 'opaqueredirect' ||
    (response.status >= 300 && response.status < 400 && response.status !== 304)
  ) {
    await response.body?.cancel().catch(() => undefined);
    throw new DavError('redirected', response.status || undefined);
  }
  return response;
}

const isTimeout = (error: unknown) =>
  error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');

/** The body as text, refused past MAX_DAV_BODY_BYTES without reading the rest. */
async function boundedText(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_DAV_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new DavError('tooLarge');
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_DAV_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new DavError('tooLarge');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof DavError) throw error;
    throw new DavError(isTimeout(error) ? 'timeout' : 'unreachable');
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) all.set(chunk, (at += chunk.length) - chunk.length);
  return new TextDecoder().decode(all);
}

function failure(response: Response, missing: DavErrorCode = 'serverError'): DavError {
  void response.body?.cancel().catch(() => undefined);
  const { status } = response;
  if (status === 401) return new DavError('wrongPassword', status);
  if (status === 403) return new DavError('forbidden', status);
  if (status === 404 || status === 409) return new DavError(missing, status);
  if (status === 507 || status === 413) return new DavError('full', status);
  return new DavError('serverError', status);
}

/** The folder exists, is WebDAV, and the user and app password open it (PROPFIND, RFC 4918 §9.1). */
export async function davCheck(place: DavPlace): Promise<void> {
  const response = await exchange(place, place.url, {
    method: 'PROPFIND',
    headers: { depth: '0', 'content-type': 'application/xml; charset=utf-8' },
    body: '<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>',
  });
  if (response.status !== 207) {
    // A plain web server: a page (2xx), or "method not allowed / not implemented" for PROPFIND.
    if (response.ok || response.status === 405 || response.status === 501) {
      void response.body?.cancel().catch(() => undefined);
      throw new DavError('notDav', response.status);
    }
    throw failure(response, 'folderMissing');
  }
  const text = await boundedText(response);
  if (!/collection/i.test(text)) throw new DavError('notDav');
}

export type DavRead =
  { state: 'absent' } | { state: 'unchanged' } | { state: 'found'; text: string; etag: string | null };

/** The backup file: absent, unchanged since `etag` (304), or its text and version. */
export async function davRead(place: DavPlace, etag?: string | null): Promise<DavRead> {
  const response = await exchange(place, fileUrl(place), {
    method: 'GET',
    headers: etag ? { 'if-none-match': etag } : {},
  });
  if (response.status === 304) return { state: 'unchanged' };
  if (response.status === 404) {
    void response.body?.cancel().catch(() => undefined);
    return { state: 'absent' };
  }
  if (response.status !== 200) throw failure(response, 'folderMissing');
  return { state: 'found', text: await boundedText(response), etag: response.headers.get('etag') };
}

/**
 * Writes the file only if it is still the version `expected` names (its ETag), or still absent
 * (`null`). 'conflict': another browser wrote first (412), or the file appeared. The ETag of what
 * was written when the server tells it (many, Apache's mod_dav among them, do not).
 */
export async function davWrite(
  place: DavPlace,
  text: string,
  expected: string | null,
): Promise<{ written: true; etag: string | null } | { written: false }> {
  const response = await exchange(place, fileUrl(place), {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      ...(expected ? { 'if-match': expected } : { 'if-none-match': '*' }),
    },
    body: text,
  });
  if (response.status === 412) {
    void response.body?.cancel().catch(() => undefined);
    return { written: false };
  }
  if (response.status < 200 || response.status > 204) throw failure(response, 'folderMissing');
  void response.body?.cancel().catch(() => undefined);
  return { written: true, etag: response.headers.get('etag') };
}
