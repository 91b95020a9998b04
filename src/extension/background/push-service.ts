/**
 * "EU Login Mobile App PIN Code" with the extension as the app: one request
 * channel per enrolled account, a system notification per new request, a
 * check of every server when the popup opens or a waiting page shows, and the
 * answer — signed by the device key, and for an approval carrying the OCRA
 * response computed with the PIN-unwrapped key (a wrong PIN gives a wrong
 * code; only the server can tell). docs/protocol.md §6.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { fromBase64url, randomNonce, signDeviceRequest, signText } from '../../core/device-crypto';
import { MessageError, type PendingPush } from '../../core/messages';
import { importOcraKey, ocra } from '../../core/ocra';
import { pushAnswerResult, pushRequestList, pushSignatureInput, type PushRequestView } from '../../core/push-api';
import type { MessageHandlers } from '../messaging';
import { wrapForBiometric } from '../vault/biometric-wrap';
import type { Vault, VaultAccount } from '../vault/vault';
import { unlockSecret } from './unlock';
import { openPopupWindow } from './popup-window';
import { openChannel, type Channel } from './push-channel';
import { ApiCallError, postJson } from './server-api';
import { t } from '../i18n/t';

export const PUSH_NOTIFICATION_PREFIX = 'sidekey-push:';
/** Wakes the background every minute to restore channels an idle browser may have dropped. */
export const PUSH_ALARM = 'sidekey-push-channels';

/** Requests known per account: kept in session storage, so a restarted service worker still has them. */
const known = storage.defineItem<Record<string, PushRequestView[]>>('session:pushRequests', { fallback: {} });

/** Server answers after which the request is over for this device. */
const FINAL_CODES = new Set(['used', 'expired', 'not-found', 'wrong-number', 'locked']);

export interface PushServiceOptions {
  vault: () => Promise<Vault>;
  /** The vault's accounts changed (an account was removed by its server). */
  afterRemoval?: () => Promise<unknown>;
  WebSocketImpl?: typeof WebSocket;
  now?: () => number;
}

export function createPushService({ vault, afterRemoval, WebSocketImpl, now = Date.now }: PushServiceOptions) {
  const channels = new Map<string, Channel>();
  // Updates of the stored lists run one after another (read-modify-write).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const live = (requests: PushRequestView[]) => requests.filter((r) => r.expiresAt > now());

  function setRequests(accountId: string, requests: PushRequestView[]) {
    return serial(async () => {
      const all = await known.getValue();
      const before = new Set((all[accountId] ?? []).map((r) => r.id));
      const next = { ...all, [accountId]: live(requests) };
      if (requests.length === 0) delete next[accountId];
      await known.setValue(next);
      const account = await (await vault()).get(accountId);
      for (const r of next[accountId] ?? []) if (!before.has(r.id) && account) await notify(account, r);
      const after = new Set((next[accountId] ?? []).map((r) => r.id));
      for (const id of before)
        if (!after.has(id)) await browser.notifications.clear(PUSH_NOTIFICATION_PREFIX + id).catch(() => false);
      await showCount(next);
    });
  }

  async function forget(requestId: string) {
    await serial(async () => {
      const all = await known.getValue();
      for (const [accountId, list] of Object.entries(all)) {
        all[accountId] = list.filter((r) => r.id !== requestId);
        if (all[accountId].length === 0) delete all[accountId];
      }
      await known.setValue(all);
      await showCount(all);
    });
    await browser.notifications.clear(PUSH_NOTIFICATION_PREFIX + requestId).catch(() => false);
  }

  function channelFor(account: VaultAccount): Channel {
    return openChannel({
      origin: account.serverOrigin,
      deviceId: account.id,
      sign: () => signDeviceRequest(account.signingKey, 'channel', account.id),
      onRequests: (requests) => void setRequests(account.id, requests),
      onRemoved: () => void removedByServer(account),
      WebSocketImpl,
    });
  }

  async function removedByServer(account: VaultAccount) {
    channels.delete(account.id);
    await (await vault()).remove(account.id);
    await setRequests(account.id, []);
    await afterRemoval?.();
    await browser.notifications
      .create(`sidekey-removed:${account.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: t('notifyDeviceRemoved'),
        message: t('notifyDeviceRemovedText', { email: account.email, host: new URL(account.serverOrigin).host }),
      })
      .catch(() => undefined);
  }

  /** One channel per enrolled account, no more: opens the missing, closes those of removed accounts. */
  async function sync(): Promise<void> {
    const accounts = await (await vault()).all();
    const ids = new Set(accounts.map((a) => a.id));
    for (const [id, channel] of channels) {
      if (!ids.has(id)) {
        channel.close();
        channels.delete(id);
        await setRequests(id, []);
      }
    }
    for (const account of accounts) {
      const channel = channels.get(account.id);
      if (channel) channel.wake();
      else channels.set(account.id, channelFor(account));
    }
  }

  /** "Check for requests": asks each server (or those of one origin) over HTTP, whatever the channels' state. */
  async function check(origin?: string): Promise<string[]> {
    const accounts = (await (await vault()).all()).filter((a) => !origin || a.serverOrigin === origin);
    const problems: string[] = [];
    await Promise.all(
      accounts.map(async (account) => {
        try {
          const body = await signDeviceRequest(account.signingKey, 'requests', account.id);
          const { requests } = await postJson(
            account.serverOrigin,
            `/api/devices/${account.id}/requests`,
            body,
            pushRequestList,
          );
          await setRequests(account.id, requests);
        } catch (error) {
          if (error instanceof ApiCallError && error.status === 404) return void removedByServer(account);
          problems.push(`${new URL(account.serverOrigin).host}: ${(error as Error).message}`);
        }
      }),
    );
    await sync();
    return problems;
  }

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

  const getPushRequests: MessageHandlers['getPushRequests'] = async ({ check: ask }) => {
    const problems = ask ? await check() : [];
    return { requests: await pending(), problems };
  };

  /**
   * The OCRA key a server has just accepted (a right PIN), kept in memory only and for two
   * minutes: what turning biometric unlock on wraps, since nothing local can tell a right PIN.
   */
  let verified: { accountId: string; key: Uint8Array<ArrayBuffer>; until: number } | null = null;

  const answerPush: MessageHandlers['answerPush'] = async ({ id, decision, number, pin, prf }) => {
    const all = await known.getValue();
    const accountId = Object.keys(all).find((a) => all[a]!.some((r) => r.id === id));
    const request = accountId && all[accountId]!.find((r) => r.id === id);
    const account = accountId && (await (await vault()).get(accountId));
    if (!request || !account || request.expiresAt <= now()) throw new MessageError(t('requestGone'));
    // The raw secret is kept (two minutes) only after a PIN approval, to be wrapped for the biometric unlock.
    const raw =
      decision === 'approve' ? await unlockSecret(account, prf === null ? { pin: pin!, prf } : { prf }) : null;
    const key = raw && (await importOcraKey(account.ocraSuite, raw));
    const otp = key ? await ocra(account.ocraSuite, key, { question: request.challenge }) : null;
    const timestamp = now();
    const nonce = randomNonce();
    const signature = await signText(
      account.signingKey,
      pushSignatureInput({
        id,
        deviceId: account.id,
        challenge: request.challenge,
        decision,
        number,
        timestamp,
        nonce,
      }),
    );
    try {
      const result = await postJson(
        account.serverOrigin,
        `/api/push/${id}/answer`,
        { deviceId: account.id, decision, number, otp, timestamp, nonce, signature },
        pushAnswerResult,
      );
      await forget(id);
      const byPin = result.status === 'approved' && pin !== null && key !== null;
      if (byPin) verified = { accountId: account.id, key: raw!, until: now() + 2 * 60_000 };
      else raw?.fill(0);
      return { ...result, offerBiometric: byPin && !account.biometric };
    } catch (error) {
      raw?.fill(0);
      if (
        error instanceof ApiCallError &&
        (FINAL_CODES.has(error.code ?? '') || (error.code === 'wrong-pin' && error.attemptsLeft === 0))
      )
        await forget(id);
      throw error;
    }
  };

  const enableBiometric: MessageHandlers['enableBiometric'] = async ({ accountId, credentialId, prfSalt, prf }) => {
    const v = await vault();
    const account = await v.get(accountId);
    if (!account) throw new MessageError(t('accountGone'));
    if (!verified || verified.accountId !== accountId || verified.until <= now())
      throw new MessageError(t('biometricAfterPin'));
    const biometric = await wrapForBiometric(verified.key, fromBase64url(prf), accountId, credentialId, prfSalt);
    verified = null;
    await v.put({ ...account, biometric });
    return {};
  };

  const disableBiometric: MessageHandlers['disableBiometric'] = async ({ accountId }) => {
    const v = await vault();
    const account = await v.get(accountId);
    if (!account) throw new MessageError(t('accountGone'));
    const { biometric: _removed, ...rest } = account;
    await v.put(rest);
    return {};
  };

  const pushPageSeen: MessageHandlers['pushPageSeen'] = async (_body, sender) => {
    if (!sender.tabUrl) return { requests: 0 };
    const origin = new URL(sender.tabUrl).origin;
    // Only an enrolled server's page makes us ask; any other page gets nothing.
    if ((await (await vault()).byOrigin(origin)).length === 0) return { requests: 0 };
    await check(origin);
    return { requests: (await pending()).filter((r) => r.serverOrigin === origin).length };
  };

  return { sync, check, handlers: { getPushRequests, answerPush, pushPageSeen, enableBiometric, disableBiometric } };
}

async function notify(account: VaultAccount, r: PushRequestView) {
  const id = PUSH_NOTIFICATION_PREFIX + r.id;
  const options = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title:
      r.purpose === 'add-device'
        ? t('notifyAddDevice')
        : r.purpose === 'add-authenticator'
          ? t('notifyAddAuthenticator')
          : t('notifySignInTo', { service: r.service ?? 'EU Login' }),
    message: t('notifyFacts', { email: account.email, browser: r.browser, os: r.os, ip: r.ip }),
  };
  // Stays until answered where the browser allows it. Firefox refuses requireInteraction, and
  // its schema check throws at once rather than rejecting: hence the calls inside then().
  await Promise.resolve()
    .then(() => browser.notifications.create(id, { ...options, requireInteraction: true }))
    .catch(() => browser.notifications.create(id, options))
    .catch(() => undefined);
}

/** The toolbar badge counts the requests waiting, so a missed notification is still seen. */
async function showCount(all: Record<string, PushRequestView[]>) {
  const count = Object.values(all).reduce((n, list) => n + list.length, 0);
  await browser.action.setBadgeText({ text: count ? String(count) : '' }).catch(() => undefined);
}

/** A click on a request's notification opens the approval screen in a small window. */
export function registerPushNotificationClicks(): void {
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(PUSH_NOTIFICATION_PREFIX)) return;
    void openPopupWindow('?view=requests');
  });
}

/**
 * Channels open when the background starts, and an alarm wakes it every
 * minute (the shortest period both browsers allow) to reopen any that an idle
 * service worker or event page lost.
 */
export function keepChannelsAlive(push: { sync(): Promise<void> }): void {
  void push.sync().catch(() => undefined);
  void browser.alarms.create(PUSH_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PUSH_ALARM) void push.sync().catch(() => undefined);
  });
}
