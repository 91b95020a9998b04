/**
 * What a sign-in page is for, from the `service` its forms carry: a registered CAS service
 * (cas/login-target.ts), or an OpenID Connect authorization waiting at its interaction
 * (`${PUBLIC_URL}/oidc/interaction/<uid>`). The client, its name (shown on the user's device) and
 * the level it needs are read from the stored interaction, never from the request.
 */
import { loginTarget, type LoginTarget } from './cas/login-target';
import type { Deps } from './deps';
import { minimumStrength, type Level } from './oidc/levels';
import { clientConfig, INTERACTION_PATH, requiredLevel } from './oidc/clients';

/** oidc-provider's interaction uids (nanoid, 21 characters of A–Z a–z 0–9 _ -). */
const INTERACTION_UID = /^[A-Za-z0-9_-]{16,64}$/;

export async function resolveLoginTarget(
  { config, store }: Pick<Deps, 'config' | 'store'>,
  service: unknown,
  level?: Level,
): Promise<LoginTarget | undefined> {
  const prefix = `${config.publicUrl}${INTERACTION_PATH}/`;
  if (typeof service !== 'string' || !service.startsWith(prefix))
    return loginTarget(config.casServices, service, level);
  const uid = service.slice(prefix.length);
  if (!INTERACTION_UID.test(uid)) return undefined;
  const interaction = await store.oidcState.find('Interaction', uid);
  const params = (interaction?.params ?? {}) as Record<string, unknown>;
  const client = clientConfig(config, params.client_id);
  if (!client) return undefined;
  return {
    context: { service: `${prefix}${uid}`, serviceName: client.client_name },
    minimum: minimumStrength(requiredLevel(client, params)),
    oidc: true,
  };
}
