/**
 * Sidekey as an OpenID Provider (OpenID Connect Core 1.0, Discovery 1.0; docs/oidc.md), built on
 * oidc-provider — an OpenID Certified implementation — rather than a hand-written token endpoint.
 * Issuer `${PUBLIC_URL}/oidc`; authorization code flow only, PKCE (S256) required of public
 * clients; refresh tokens only for `offline_access`, rotated at each use (a replayed one revokes
 * its grant); ID tokens PS256 unless a client asks for ES256, RS256 or PS512. Its state lives in
 * the store (store/oidc-state.ts), so several instances serve one issuer. The login is Sidekey's
 * own sign-in (web/routes/oidc.ts); the level a client needs is EU Login's (levels.ts), and a
 * session below it steps up with a second factor.
 */
import crypto from 'node:crypto';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { ServerConfig } from '../../platform/config';
import type { Store } from '../../store/store';
import { clientConfig, INTERACTION_PATH, OIDC_PATH, requiredLevel } from './clients';
import { LEVELS, levelReaches } from './levels';
import { signingKeys } from './signing-keys';

/** The adapter oidc-provider keeps its models through: our store, one table for every model. */
function storeAdapter(store: Store) {
  return class {
    constructor(private readonly model: string) {}
    upsert = (id: string, payload: Record<string, unknown>, expiresIn?: number) =>
      store.oidcState.upsert(this.model, id, payload, expiresIn);
    find = (id: string) => store.oidcState.find(this.model, id);
    findByUid = (uid: string) => store.oidcState.findByUid(this.model, uid);
    findByUserCode = (code: string) => store.oidcState.findByUserCode(this.model, code);
    consume = (id: string) => store.oidcState.consume(this.model, id);
    destroy = (id: string) => store.oidcState.destroy(this.model, id);
    revokeByGrantId = (grantId: string) => store.oidcState.revokeByGrantId(grantId);
  };
}

/** The provider's own pages, drawn in Sidekey's frame (web/views/oidc.ts). */
export interface OidcPages {
  signOut(form: string, client: string | undefined): string;
  error(code: string): string;
}

export function createOidcProvider(
  config: ServerConfig,
  store: Store,
  cookieKey: Uint8Array,
  pages: OidcPages,
): Provider {
  const policy = interactionPolicy.base();
  // Single sign-on only at the level asked: a session that reached less goes to the interaction,
  // which steps it up (oidc-provider checks only an essential acr claim on its own).
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('acr_level', 'the session is below the level required', 'login_required', (ctx) => {
      const client = clientConfig(config, ctx.oidc.client?.clientId);
      if (!client) return interactionPolicy.Check.REQUEST_PROMPT;
      return levelReaches(ctx.oidc.session?.acr, requiredLevel(client, ctx.oidc.params as Record<string, unknown>))
        ? interactionPolicy.Check.NO_NEED_TO_PROMPT
        : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );

  const configuration: Configuration = {
    adapter: storeAdapter(store),
    clients: config.oidcClients.map(({ level: _level, first_party: _first, ...client }) => ({
      ...client,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    })),
    jwks: signingKeys(config) as Configuration['jwks'],
    cookies: {
      // Derived from the server key (HKDF, RFC 5869), never stored: every instance signs alike.
      keys: [
        Buffer.from(crypto.hkdfSync('sha256', cookieKey, Buffer.alloc(0), 'sidekey oidc cookies', 32)).toString(
          'base64',
        ),
      ],
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    async findAccount(_ctx, sub) {
      const user = await store.users.byUid(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: user.email,
          email_verified: true,
          given_name: user.firstName,
          family_name: user.lastName,
          name: `${user.firstName} ${user.lastName}`,
          locale: user.language,
        }),
      };
    },
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
      iss: null,
      // In every ID token: the level reached, how and when (OpenID Connect Core §2) — a relying
      // party checks the level it asked for whether or not it used the claims parameter.
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'locale'],
    },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    acrValues: [...LEVELS],
    responseTypes: ['code'],
    pkce: { required: (_ctx, client) => client.tokenEndpointAuthMethod === 'none' },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = pages.signOut(form, ctx.oidc.client?.clientName);
        },
      },
    },
    enabledJWA: {
      idTokenSigningAlgValues: ['PS256', 'ES256', 'RS256', 'PS512'],
      clientAuthSigningAlgValues: ['HS256', 'HS384', 'HS512', 'PS256', 'ES256', 'RS256', 'PS512'],
      requestObjectSigningAlgValues: ['PS256', 'ES256', 'RS256', 'PS512'],
    },
    clientDefaults: {
      id_token_signed_response_alg: 'PS256',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
    interactions: { policy, url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` },
    rotateRefreshToken: true,
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 10 * 60,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
      Session: 12 * 3600,
    },
    // An error shown to the user (a redirect URI that is not the client's, an unknown client): its
    // code only, in Sidekey's page; never the request's own text.
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = pages.error(String(out.error));
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      // Sidekey's own applications need no consent: their grant covers what they asked for.
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const client = clientConfig(config, ctx.oidc.client?.clientId);
      if (!client?.first_party || !ctx.oidc.session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.client_id, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
      grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(`${config.publicUrl}${OIDC_PATH}`, configuration);
  // Requests reach it with the public URL's host and scheme put in by the route (web/routes/oidc.ts).
  provider.proxy = true;
  return provider;
}
