/**
 * The OpenID Connect clients the configuration registers (OIDC_CLIENTS) and what an authorization
 * request of theirs needs — kept apart from provider.ts, so the sign-in pages read them without
 * loading oidc-provider (app.ts loads it only where clients are configured).
 */
import crypto from 'node:crypto';
import type { ServerConfig } from '../../platform/config';
import type { OidcClientConfig } from '../../platform/relying-parties';
import { strongest, type Level } from './levels';

export const OIDC_PATH = '/oidc';
export const INTERACTION_PATH = `${OIDC_PATH}/interaction`;

/** The level an authorization request needs: its client's, or more where `acr_values` or an essential `acr` claim asks. */
export function requiredLevel(client: OidcClientConfig, params: Record<string, unknown>): Level {
  const asked = typeof params.acr_values === 'string' ? params.acr_values.split(' ') : [];
  let essential: unknown[] = [];
  if (typeof params.claims === 'string') {
    try {
      const acr = (
        JSON.parse(params.claims) as {
          id_token?: { acr?: { essential?: boolean; values?: unknown[]; value?: unknown } };
        }
      ).id_token?.acr;
      if (acr?.essential) essential = acr.values ?? (acr.value === undefined ? [] : [acr.value]);
    } catch {
      // oidc-provider refuses a claims parameter that is not JSON before any interaction.
    }
  }
  return strongest([...asked, ...essential], client.level);
}

export function clientConfig(config: ServerConfig, clientId: unknown): OidcClientConfig | undefined {
  return config.oidcClients.find((c) => c.client_id === clientId);
}

/** The demo relying party's path (web/routes/oidc-demo.ts) and client id. */
export const DEMO_PATH = '/eusurvey';
export const DEMO_CLIENT_ID = 'sidekey-eusurvey-demo';

/**
 * The configuration with the demo relying party registered as a client, like Europass among the
 * CAS services: confidential (its secret derived from the server key, never stored), first-party,
 * needing MEDIUM.
 */
export function withDemoClient(config: ServerConfig, serverKey: Uint8Array): ServerConfig {
  const secret = Buffer.from(crypto.hkdfSync('sha256', serverKey, Buffer.alloc(0), 'sidekey oidc demo client', 32));
  const demo: OidcClientConfig = {
    client_id: DEMO_CLIENT_ID,
    client_name: 'EUSurvey (OpenID Connect demo)',
    client_secret: secret.toString('base64url'),
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: [`${config.publicUrl}${DEMO_PATH}/callback`],
    post_logout_redirect_uris: [`${config.publicUrl}${DEMO_PATH}/`],
    level: 'MEDIUM',
    first_party: true,
    id_token_signed_response_alg: 'PS256',
  };
  return { ...config, oidcClients: [demo, ...config.oidcClients] };
}
