/**
 * Answers `ping` from content scripts on Sidekey server pages and `getStatus`
 * from the popup. The last server page seen is kept in session storage, so it
 * survives the MV3 service worker being stopped but not a browser restart.
 */
import { defineStoredItem } from '../stored-item';
import { MessageError } from '../../core/messages';
import type { MessageHandlers, MessageSender } from '../messaging';
import { t } from '../i18n/t';

export interface ServerPageSeen {
  origin: string;
  at: number;
  tabId: number;
}

export const lastServerPage = defineStoredItem<ServerPageSeen | null>('session:lastServerPage', { fallback: null });

export function createStatusService(extensionVersion: string, now: () => number = Date.now) {
  const ping: MessageHandlers['ping'] = async (body, sender: MessageSender) => {
    // A content script speaks for the page it runs in: the claimed origin must be the tab's.
    if (!sender.tabUrl || new URL(sender.tabUrl).origin !== body.origin) {
      throw new MessageError(t('originMismatch'));
    }
    const receivedAt = now();
    await lastServerPage.setValue({ origin: body.origin, at: receivedAt, tabId: sender.tabId ?? -1 });
    return { extensionVersion, receivedAt };
  };
  const getStatus: MessageHandlers['getStatus'] = async () => ({
    extensionVersion,
    lastServerPage: await lastServerPage.getValue(),
  });
  return { ping, getStatus };
}
