/**
 * The push requests this browser knows of, per account: kept in session
 * storage, so a restarted service worker still has them; updated one change
 * at a time (read-modify-write), each change notifying new requests, clearing
 * the notifications of ended ones and setting the badge.
 */
import { defineStoredItem } from '../stored-item';
import type { PendingPush } from '../../core/messages';
import type { PushRequestView } from '../../core/push-api';
import type { Vault } from '../vault/vault';
import { clearRequestNotification, notifyRequest, showCount } from './push-notifications';

const known = defineStoredItem<Record<string, PushRequestView[]>>('session:pushRequests', { fallback: {} });

export type PushCache = ReturnType<typeof createPushCache>;

export function createPushCache({ vault, now }: { vault: () => Promise<Vault>; now: () => number }) {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const live = (requests: PushRequestView[]) => requests.filter((r) => r.expiresAt > now());
  const count = (all: Record<string, PushRequestView[]>) => Object.values(all).reduce((n, list) => n + list.length, 0);

  /** An account's whole list, as its server sent it. */
  function set(accountId: string, requests: PushRequestView[]) {
    return serial(async () => {
      const all = await known.getValue();
      const before = new Set((all[accountId] ?? []).map((r) => r.id));
      const next = { ...all, [accountId]: live(requests) };
      if (requests.length === 0) delete next[accountId];
      await known.setValue(next);
      const account = await (await vault()).get(accountId);
      for (const r of next[accountId] ?? []) if (!before.has(r.id) && account) await notifyRequest(account, r);
      const after = new Set((next[accountId] ?? []).map((r) => r.id));
      for (const id of before) if (!after.has(id)) await clearRequestNotification(id);
      await showCount(count(next));
    });
  }

  /** A request this device has answered or that is over. */
  async function forget(requestId: string) {
    await serial(async () => {
      const all = await known.getValue();
      for (const [accountId, list] of Object.entries(all)) {
        all[accountId] = list.filter((r) => r.id !== requestId);
        if (all[accountId].length === 0) delete all[accountId];
      }
      await known.setValue(all);
      await showCount(count(all));
    });
    await clearRequestNotification(requestId);
  }

  /** A live request by id, with its account's id. */
  async function find(requestId: string) {
    const all = await known.getValue();
    for (const [accountId, list] of Object.entries(all)) {
      const request = list.find((r) => r.id === requestId);
      if (request) return request.expiresAt > now() ? { accountId, request } : undefined;
    }
    return undefined;
  }

  /** What the popup shows: every live request, newest first, without its challenge. */
  async function pending(): Promise<PendingPush[]> {
    const v = await vault();
    const out: PendingPush[] = [];
    for (const [accountId, list] of Object.entries(await known.getValue())) {
      const account = await v.get(accountId);
      if (!account) continue;
      const biometric = account.biometric
        ? { credentialId: account.biometric.credentialId, prfSalt: account.biometric.prfSalt }
        : null;
      for (const { challenge: _challenge, ...r } of live(list))
        out.push({ ...r, accountId, serverOrigin: account.serverOrigin, email: account.email, biometric });
    }
    // Newest first: the sign-in the user has just started is the one they are looking at.
    return out.sort((a, b) => b.createdAt - a.createdAt);
  }

  return { set, forget, find, pending };
}
