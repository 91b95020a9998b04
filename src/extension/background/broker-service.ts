/**
 * Registering a security key or trusted platform for an enrolled account from
 * the popup (docs/protocol.md §8). The background asks the server for creation
 * options and returns the result, both signed with the account's device key;
 * the popup runs navigator.credentials.create() between the two, since a
 * service worker has no WebAuthn.
 */
import { brokerOptionsResponse, brokerRegisterResponse } from '../../core/broker-api';
import { signDeviceRequest } from '../../core/device-crypto';
import { MessageError } from '../../core/messages';
import type { MessageHandlers } from '../messaging';
import type { Vault } from '../vault/vault';
import { postJson } from './server-api';
import { t } from '../i18n/t';

export function createBrokerService(vault: () => Promise<Vault>) {
  async function account(id: string) {
    const found = await (await vault()).get(id);
    if (!found) throw new MessageError(t('accountGone'));
    return found;
  }

  const brokerOptions: MessageHandlers['brokerOptions'] = async ({ accountId, kind, name }) => {
    const a = await account(accountId);
    const signed = await signDeviceRequest(a.signingKey, 'broker', a.id);
    return postJson(
      a.serverOrigin,
      `/api/devices/${a.id}/webauthn/options`,
      { kind, name, ...signed },
      brokerOptionsResponse,
    );
  };

  const brokerFinish: MessageHandlers['brokerFinish'] = async ({ accountId, tx, credential }) => {
    const a = await account(accountId);
    const signed = await signDeviceRequest(a.signingKey, 'broker', a.id);
    return postJson(
      a.serverOrigin,
      `/api/devices/${a.id}/webauthn/register`,
      { tx, credential, ...signed },
      brokerRegisterResponse,
    );
  };

  return { brokerOptions, brokerFinish };
}
