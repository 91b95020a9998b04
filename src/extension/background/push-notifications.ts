/**
 * What the user sees of push requests outside the popup: a system notification
 * per new request (a click opens the approval screen), the toolbar badge with
 * the count, and a notice when a server removed this device.
 */
import { browser } from 'wxt/browser';
import { showPushCount } from './toolbar-badge';
import type { PushRequestView } from '../../core/push-api';
import { t } from '../i18n/t';
import type { VaultAccount } from '../vault/vault';
import { openPopupWindow } from './popup-window';

export const PUSH_NOTIFICATION_PREFIX = 'sidekey-push:';

export async function notifyRequest(account: VaultAccount, r: PushRequestView) {
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

export async function clearRequestNotification(requestId: string) {
  await browser.notifications.clear(PUSH_NOTIFICATION_PREFIX + requestId).catch(() => false);
}

export async function notifyRemoved(account: VaultAccount) {
  await browser.notifications
    .create(`sidekey-removed:${account.id}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('notifyDeviceRemoved'),
      message: t('notifyDeviceRemovedText', { email: account.email, host: new URL(account.serverOrigin).host }),
    })
    .catch(() => undefined);
}

/** The toolbar badge counts the requests waiting, so a missed notification is still seen. */
export const showCount = showPushCount;

/** A click on a request's notification opens the approval screen in a small window. */
export function registerPushNotificationClicks(): void {
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(PUSH_NOTIFICATION_PREFIX)) return;
    void openPopupWindow('?view=requests');
  });
}
