/**
 * Two browsers, one set of codes (docs/otp-accounts.md §6): what this browser holds and what a
 * shared backup holds, merged account by account. Last writer wins per account — an edit or a
 * deletion, whichever is later (a deletion wins a tie: it is the safer mistake to undo, from the
 * other browser's backup) — except an HOTP counter, which never goes back (RFC 4226 §7.2: a
 * value is used once). The same account added in both browsers (same secret, issuer and name,
 * two ids) is kept once, under the smaller id, on both sides alike. Deletions are remembered
 * TOMBSTONE_DAYS, long enough for a browser not opened for weeks to learn of them.
 */
import { isSameAccount } from './otpauth-uri';
import { MAX_TOMBSTONES, type BackupContents, type SyncedAccount, type Tombstone } from './synced-backup';

export const TOMBSTONE_DAYS = 90;
const DAY_MS = 86_400_000;

export interface MergeResult {
  /** What both hold from now on: the file to write. */
  merged: BackupContents;
  /** Accounts this browser must write (new here, or changed elsewhere). */
  put: SyncedAccount[];
  /** Ids this browser must delete. */
  remove: string[];
}

type Entry = { account: SyncedAccount } | { tombstone: Tombstone };
const timeOf = (e: Entry) => ('account' in e ? e.account.modifiedAt : e.tombstone.deletedAt);

/** The later of two versions of one id (see the header for ties and HOTP counters). */
function later(a: Entry, b: Entry): Entry {
  if ('account' in a && 'account' in b) {
    const winner = a.account.modifiedAt >= b.account.modifiedAt ? a.account : b.account;
    const counter = Math.max(a.account.counter, b.account.counter);
    return { account: counter === winner.counter ? winner : { ...winner, counter } };
  }
  if (timeOf(a) !== timeOf(b)) return timeOf(a) > timeOf(b) ? a : b;
  return 'tombstone' in a ? a : b;
}

function entries(contents: BackupContents): Map<string, Entry> {
  const map = new Map<string, Entry>();
  for (const tombstone of contents.deleted) map.set(tombstone.id, { tombstone });
  for (const account of contents.accounts) {
    const held = map.get(account.id);
    map.set(account.id, held ? later(held, { account }) : { account });
  }
  return map;
}

const sameVersion = (a: SyncedAccount, b: SyncedAccount) => a.modifiedAt === b.modifiedAt && a.counter === b.counter;

export function mergeBackups(local: BackupContents, remote: BackupContents, now: number): MergeResult {
  const mine = entries(local);
  const all = new Map(mine);
  for (const [id, entry] of entries(remote)) {
    const held = all.get(id);
    all.set(id, held ? later(held, entry) : entry);
  }
  // One account added in both browsers: kept under the smaller id, the other deleted on both sides.
  const live = [...all.values()]
    .flatMap((e) => ('account' in e ? [e.account] : []))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const [kept, twin] = [live[i]!, live[j]!];
      if (!all.has(twin.id) || !('account' in all.get(twin.id)!) || !isSameAccount(kept, twin)) continue;
      all.set(twin.id, { tombstone: { id: twin.id, deletedAt: Math.max(kept.modifiedAt, twin.modifiedAt) } });
    }
  }
  const since = now - TOMBSTONE_DAYS * DAY_MS;
  const accounts: SyncedAccount[] = [];
  const deleted: Tombstone[] = [];
  for (const entry of all.values()) {
    if ('account' in entry) accounts.push(entry.account);
    else if (entry.tombstone.deletedAt >= since) deleted.push(entry.tombstone);
  }
  deleted.sort((a, b) => a.deletedAt - b.deletedAt);
  const put = accounts.filter((a) => {
    const held = mine.get(a.id);
    return !held || !('account' in held) || !sameVersion(held.account, a);
  });
  const remove = [...mine.entries()]
    .filter(([id, entry]) => 'account' in entry && !('account' in all.get(id)!))
    .map(([id]) => id);
  return { merged: { accounts, deleted: deleted.slice(-MAX_TOMBSTONES) }, put, remove };
}
