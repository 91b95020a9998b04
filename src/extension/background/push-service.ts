/**
 * "EU Login Mobile App PIN Code" with the extension as the app
 * (docs/protocol.md §6), put together from its parts: the requests known
 * (push-cache), the channels and checks that fill it (push-channels), what
 * the user sees outside the popup (push-notifications), the answer
 * (push-answer) and the biometric switch it enables (biometric-switch).
 */
import type { MessageHandlers } from '../messaging';
import type { Vault } from '../vault/vault';
import { createBiometricSwitch } from './biometric-switch';
import { createAnswerPush } from './push-answer';
import { createPushCache } from './push-cache';
import { createPushChannels } from './push-channels';

export { keepChannelsAlive, PUSH_ALARM } from './push-channels';
export { PUSH_NOTIFICATION_PREFIX, registerPushNotificationClicks } from './push-notifications';

export interface PushServiceOptions {
  vault: () => Promise<Vault>;
  /** The vault's accounts changed (an account was removed by its server). */
  afterRemoval?: () => Promise<unknown>;
  WebSocketImpl?: typeof WebSocket;
  now?: () => number;
}

export function createPushService({ vault, afterRemoval, WebSocketImpl, now = Date.now }: PushServiceOptions) {
  const cache = createPushCache({ vault, now });
  const { sync, check } = createPushChannels({ vault, cache, afterRemoval, WebSocketImpl });
  const biometric = createBiometricSwitch({ vault, now });

  const getPushRequests: MessageHandlers['getPushRequests'] = async ({ check: ask }) => {
    const problems = ask ? await check() : [];
    return { requests: await cache.pending(), problems };
  };

  const pushPageSeen: MessageHandlers['pushPageSeen'] = async (_body, sender) => {
    if (!sender.tabUrl) return { requests: 0 };
    const origin = new URL(sender.tabUrl).origin;
    // Only an enrolled server's page makes us ask; any other page gets nothing.
    if ((await (await vault()).byOrigin(origin)).length === 0) return { requests: 0 };
    await check(origin);
    return { requests: (await cache.pending()).filter((r) => r.serverOrigin === origin).length };
  };

  const answerPush = createAnswerPush({ vault, cache, biometric, now });
  return { sync, check, handlers: { getPushRequests, answerPush, pushPageSeen, ...biometric.handlers } };
}
