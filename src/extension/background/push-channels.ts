/**
 * One request channel per enrolled account (docs/protocol.md §6), and "check
 * for requests" over HTTP when the popup opens or a waiting page shows. A
 * server that no longer knows the device removes the account here too.
 */
import { browser } from 'wxt/browser';
import { signDeviceRequest } from '../../core/device-crypto';
import { pushRequestList } from '../../core/push-api';
import type { Vault, VaultAccount } from '../vault/vault';
import type { PushCache } from './push-cache';
import { openChannel, type Channel } from './push-channel';
import { notifyRemoved } from './push-notifications';
import { ApiCallError, postJson } from './server-api';

/** Wakes the background every minute to restore channels an idle browser may have dropped. */
export const PUSH_ALARM = 'sidekey-push-channels';

export function createPushChannels(o: {
  vault: () => Promise<Vault>;
  cache: PushCache;
  /** The vault's accounts changed (an account was removed by its server). */
  afterRemoval?: () => Promise<unknown>;
  WebSocketImpl?: typeof WebSocket;
}) {
  const channels = new Map<string, Channel>();

  function channelFor(account: VaultAccount): Channel {
    return openChannel({
      origin: account.serverOrigin,
      deviceId: account.id,
      sign: () => signDeviceRequest(account.signingKey, 'channel', account.id),
      onRequests: (requests) => void o.cache.set(account.id, requests),
      onRemoved: () => void removedByServer(account),
      WebSocketImpl: o.WebSocketImpl,
    });
  }

  async function removedByServer(account: VaultAccount) {
    channels.delete(account.id);
    await (await o.vault()).remove(account.id);
    await o.cache.set(account.id, []);
    await o.afterRemoval?.();
    await notifyRemoved(account);
  }

  /** One channel per enrolled account, no more: opens the missing, closes those of removed accounts. */
  async function sync(): Promise<void> {
    const accounts = await (await o.vault()).all();
    const ids = new Set(accounts.map((a) => a.id));
    for (const [id, channel] of channels) {
      if (!ids.has(id)) {
        channel.close();
        channels.delete(id);
        await o.cache.set(id, []);
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
    const accounts = (await (await o.vault()).all()).filter((a) => !origin || a.serverOrigin === origin);
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
          await o.cache.set(account.id, requests);
        } catch (error) {
          if (error instanceof ApiCallError && error.status === 404) return void removedByServer(account);
          problems.push(`${new URL(account.serverOrigin).host}: ${(error as Error).message}`);
        }
      }),
    );
    await sync();
    return problems;
  }

  return { sync, check };
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
