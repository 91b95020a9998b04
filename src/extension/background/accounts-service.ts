/** The popup's account list, and removing an account (here, and on its server when reachable). */
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { signDeviceRequest } from '../../core/device-crypto';
import { MessageError } from '../../core/messages';
import type { MessageHandlers } from '../messaging';
import { summary, type Vault } from '../vault/vault';
import { postJson } from './server-api';
import { t } from '../i18n/t';

export function createAccountsService(
  vault: () => Promise<Vault>,
  afterChange: () => Promise<unknown> = async () => undefined,
) {
  const listAccounts: MessageHandlers['listAccounts'] = async () => ({
    accounts: (await (await vault()).all()).map(summary).sort((a, b) => a.createdAt - b.createdAt),
  });

  const removeAccount: MessageHandlers['removeAccount'] = async ({ id }) => {
    const v = await vault();
    const account = await v.get(id);
    if (!account) throw new MessageError(t('accountGone'));
    let serverNotified = false;
    try {
      const body = await signDeviceRequest(account.signingKey, 'remove', account.id);
      await postJson(
        account.serverOrigin,
        `/api/devices/${account.id}/remove`,
        body,
        z.object({ status: z.literal('removed') }),
      );
      serverNotified = true;
    } catch {
      // Unreachable or already removed there: forget it here all the same, as the user asked.
    }
    await v.remove(id);
    // The last account of a server gives its host access back (least privilege).
    if ((await v.byOrigin(account.serverOrigin)).length === 0) {
      await browser.permissions.remove({ origins: [`${account.serverOrigin}/*`] }).catch(() => false);
    }
    await afterChange();
    return { serverNotified };
  };

  return { listAccounts, removeAccount };
}
