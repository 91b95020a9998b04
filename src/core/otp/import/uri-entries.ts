/**
 * The exports that carry each account as a URI: a text list of `otpauth://` links, one a line
 * (Aegis, Ente Auth, 2FAS and most apps' "plain text" export; Google Authenticator transfer codes
 * too), Proton Authenticator's JSON, and Bitwarden's JSON and CSV, whose `totp` is an
 * `otpauth://` link, Bitwarden's `steam://SECRET`, or a bare base32 secret with the defaults.
 */
import { parseMigrationUri } from '../migration-uri';
import { OtpInputError } from '../otp-error';
import { accountText, parseOtpauthUri, type OtpParameters } from '../otpauth-uri';
import { siteOf } from '../site';
import { accountFromFields, record } from './account-fields';
import {
  entryName,
  fileError,
  MAX_IMPORT_ENTRIES,
  readEntry,
  type ImportEntry,
  type ImportReading,
} from './import-entry';

interface Known {
  issuer?: unknown;
  label?: unknown;
  site?: string;
  pinned?: boolean;
  group?: unknown;
}

/** An account from a URI or a bare secret, its empty names filled from what else the app knows. */
export function accountFromUri(uri: string, known: Known = {}) {
  const trimmed = uri.trim();
  const group = typeof known.group === 'string' ? accountText(known.group, 'issuer') : '';
  const kept = { site: known.site ?? '', pinned: known.pinned === true, ...(group && { group }) };
  if (!/^(otpauth|steam):/i.test(trimmed))
    return accountFromFields({ type: 'totp', secret: trimmed, issuer: known.issuer, label: known.label, ...kept });
  const parsed: OtpParameters = parseOtpauthUri(trimmed);
  const fill = (value: string, fallback: unknown, what: 'issuer' | 'name') =>
    value || (typeof fallback === 'string' ? accountText(fallback, what) : '');
  return {
    ...parsed,
    issuer: fill(parsed.issuer, known.issuer, 'issuer'),
    label: fill(parsed.label, known.label, 'name'),
    ...kept,
  };
}

/** Ente Auth's `codeDisplay` parameter: `{"pinned":…,"trashed":…}` as JSON. */
function enteDisplay(line: string): { pinned: boolean; trashed: boolean } {
  try {
    const display = record(JSON.parse(new URL(line).searchParams.get('codeDisplay') ?? 'null'));
    return { pinned: display?.pinned === true, trashed: display?.trashed === true };
  } catch {
    return { pinned: false, trashed: false };
  }
}

/** Each line of a text list: an entry for an `otpauth://` link, one per account of a transfer code. */
export function readUriLines(text: string): ImportReading {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new OtpInputError('noAccountInText');
  if (lines.length > MAX_IMPORT_ENTRIES) throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
  const entries: ImportEntry[] = [];
  for (const [index, line] of lines.entries()) {
    const name = lineName(line, index);
    if (/^otpauth-migration:/i.test(line)) {
      try {
        for (const account of parseMigrationUri(line))
          entries.push({ ok: true, account: { ...account, site: '', pinned: false } });
      } catch (error) {
        if (!(error instanceof OtpInputError)) throw error;
        entries.push({ ok: false, name, code: error.code, values: error.values });
      }
      continue;
    }
    const { pinned, trashed } = enteDisplay(line);
    entries.push(
      readEntry(name, () =>
        trashed ? new OtpInputError('entryInTrash') : { ...parseOtpauthUri(line), site: '', pinned },
      ),
    );
  }
  if (entries.length > MAX_IMPORT_ENTRIES) throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
  return { app: 'otpauth', entries };
}

/** What a line names, for its mark: its label as the URI spells it, or its line number. */
function lineName(line: string, index: number): string {
  try {
    const url = new URL(line);
    return entryName(decodeURIComponent(url.pathname.replace(/^\//, ''))) || `#${index + 1}`;
  } catch {
    return `#${index + 1}`;
  }
}

/** Proton Authenticator's JSON export: `{ version, entries: [{ content: { uri, entry_type, name }, note }] }`. */
export const isProton = (file: Record<string, unknown>) =>
  Array.isArray(file.entries) && 'version' in file && !('header' in file);

export function readProton(file: Record<string, unknown>): ImportReading {
  const list = file.entries as unknown[];
  if (list.length > MAX_IMPORT_ENTRIES) throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
  const entries = list.map((raw) => {
    const content = record(record(raw)?.content);
    return readEntry(entryName(content?.name), () => {
      if (typeof content?.uri !== 'string') return new OtpInputError('entryMalformed');
      return accountFromUri(content.uri, { label: content.name });
    });
  });
  return { app: 'Proton Authenticator', entries };
}

/** A Bitwarden item's account: its `totp`, named by the item and its user name, tied to its first address's site. */
function bitwardenEntry(item: {
  name: unknown;
  username: unknown;
  totp: unknown;
  uri: unknown;
  favorite: boolean;
  folder: unknown;
}) {
  return readEntry(entryName(item.name, item.username), () => {
    if (typeof item.totp !== 'string') return new OtpInputError('entryMalformed');
    const site = typeof item.uri === 'string' ? siteOf(item.uri) : '';
    return accountFromUri(item.totp, {
      issuer: item.name,
      label: item.username || item.name,
      site,
      pinned: item.favorite,
      group: item.folder,
    });
  });
}

/** Bitwarden's JSON export (unencrypted): `{ encrypted: false, items: [{ name, favorite, login: { username, totp, uris } }] }`. */
export const isBitwarden = (file: Record<string, unknown>) => Array.isArray(file.items) && 'encrypted' in file;

export function readBitwarden(file: Record<string, unknown>): ImportReading {
  if (file.encrypted !== false) throw fileError('importEncryptedUnsupported', 'Bitwarden');
  const items = file.items as unknown[];
  if (items.length > MAX_IMPORT_ENTRIES) throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
  const folders = new Map<unknown, unknown>(
    (Array.isArray(file.folders) ? file.folders : []).map((f) => [record(f)?.id, record(f)?.name]),
  );
  const entries = items.flatMap((raw) => {
    const item = record(raw);
    const login = record(item?.login);
    // Items without a one-time code are passwords, cards, notes: not Sidekey's, and not marked.
    if (login?.totp === null || login?.totp === undefined) return [];
    const uris = Array.isArray(login.uris) ? login.uris : [];
    return [
      bitwardenEntry({
        name: item!.name,
        username: login.username,
        totp: login.totp,
        uri: record(uris[0])?.uri,
        favorite: item!.favorite === true,
        folder: folders.get(item!.folderId),
      }),
    ];
  });
  return { app: 'Bitwarden', entries };
}

/** Bitwarden's CSV export: a header naming `login_totp` and the columns used here. */
export const isBitwardenCsv = (text: string) => /^[^\n]*\blogin_totp\b/.test(text);

export function readBitwardenCsv(text: string): ImportReading {
  const rows = parseCsv(text);
  const header = rows.shift() ?? [];
  const column = (name: string) => header.indexOf(name);
  const columns = ['name', 'login_username', 'login_totp', 'login_uri', 'favorite', 'folder'] as const;
  const [name, username, totp, uri, favorite, folder] = columns.map(column);
  if (totp === -1) throw fileError('importDamaged', 'Bitwarden');
  const entries = rows
    .filter((row) => (row[totp!] ?? '').trim() !== '')
    .map((row) =>
      bitwardenEntry({
        name: row[name!],
        username: row[username!],
        totp: row[totp!],
        // The CSV joins several addresses with commas in one cell.
        uri: row[uri!]?.split(',')[0],
        favorite: row[favorite!] === '1',
        folder: row[folder!],
      }),
    );
  return { app: 'Bitwarden', entries };
}

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside; bounded in rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      if (rows.length > MAX_IMPORT_ENTRIES + 1) throw new OtpInputError('tooManyInImport', { max: MAX_IMPORT_ENTRIES });
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}
