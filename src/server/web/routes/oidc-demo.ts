/**
 * A demo relying party that speaks OpenID Connect ("EUSurvey"), served by the same process under
 * /eusurvey/ beside the CAS one (europass.ts). It is an ordinary confidential client of the
 * provider at MEDIUM, using openid-client — an OpenID Certified library, not our code — through the
 * provider's HTTP interface (app.inject as its fetch: the same requests, without a socket): the
 * code flow with PKCE, state and nonce, the ID token's signature checked against the JWKS, and
 * userinfo. Its page shows what it received: the claims, `acr` and `amr`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { WithDeps } from '../../domain/deps';
import { DEMO_CLIENT_ID, DEMO_PATH, OIDC_PATH, clientConfig } from '../../domain/oidc/clients';
import { injectFetch } from '../flows/inject-fetch';
import { authorizationRequest, type AuthorizationChecks } from '../flows/oidc-client';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { html, page } from '../views/layout';

const COOKIE = 'sk_eusurvey';

export async function oidcDemoRoutes(scope: FastifyInstance, { deps }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { config, secrets } = deps;
  const client = clientConfig(config, DEMO_CLIENT_ID);
  const redirect = `${config.publicUrl}${DEMO_PATH}/callback`;
  const secure = config.publicUrl.startsWith('https:');

  /** The provider's own HTTP interface, as a relying party's server reaches it. */
  const viaHttp: oidc.CustomFetch = injectFetch(() => app);
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () =>
    (discovered ??= oidc
      .discovery(new URL(`${config.publicUrl}${OIDC_PATH}`), DEMO_CLIENT_ID, client!.client_secret, undefined, {
        execute: secure ? [] : [oidc.allowInsecureRequests],
        [oidc.customFetch]: viaHttp,
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      }));

  const frame =
    (body: ReturnType<typeof html>, status = 200) =>
    (reply: FastifyReply) =>
      reply.code(status).html(page({ title: 'EUSurvey', body }));
  const signInButton = html`<p><a class="button" href="${DEMO_PATH}/login">Sign in to EUSurvey</a></p>`;

  app.get(`${DEMO_PATH}/`, async (_request, reply) =>
    frame(
      client
        ? html`<h1>EUSurvey</h1>
<p>The European Commission's survey tool — here a demo application that signs its users in through EU Login with OpenID Connect, at the MEDIUM level (a second factor).</p>
${signInButton}`
        : html`<h1>EUSurvey</h1><p>OpenID Connect is not configured on this server.</p>`,
    )(reply),
  );

  if (!client) return;

  app.get(`${DEMO_PATH}/login`, async (_request, reply) => {
    const { url, checks } = await authorizationRequest(await configuration(), redirect);
    // What the callback checks, sealed in a cookie of the demo's own (path /eusurvey, 10 minutes).
    reply.setCookie(COOKIE, secrets.seal(new TextEncoder().encode(JSON.stringify(checks)), COOKIE), {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: DEMO_PATH,
      maxAge: 600,
    });
    return reply.goTo(url.href);
  });

  app.get(
    `${DEMO_PATH}/callback`,
    { schema: { querystring: z.record(z.string(), z.unknown()) } },
    async (request, reply) => {
      const failed = frame(
        html`<h1>EUSurvey</h1><div class="alert error" role="alert">The sign-in could not be completed.</div>${signInButton}`,
        401,
      );
      let checks: AuthorizationChecks;
      try {
        checks = JSON.parse(Buffer.from(secrets.open(request.cookies[COOKIE] ?? '', COOKIE)).toString('utf8'));
      } catch {
        return failed(reply);
      }
      reply.clearCookie(COOKIE, { path: DEMO_PATH });
      try {
        const conf = await configuration();
        const tokens = await oidc.authorizationCodeGrant(conf, new URL(request.url, config.publicUrl), checks);
        const claims = tokens.claims()!;
        const info = await oidc.fetchUserInfo(conf, tokens.access_token, claims.sub);
        const amr = Array.isArray(claims.amr) ? claims.amr.join(' ') : '';
        return frame(html`<h1>Welcome, ${String(info.given_name ?? '')} ${String(info.family_name ?? '')}</h1>
<p>You are signed in to EUSurvey as <span class="uid">${claims.sub}</span> (${String(info.email ?? '')}).</p>
<dl>
<dt>Level of assurance (acr)</dt><dd data-testid="acr">${String(claims.acr ?? '')}</dd>
<dt>Methods (amr)</dt><dd data-testid="amr">${amr}</dd>
<dt>Signed in at (auth_time)</dt><dd>${new Date(Number(claims.auth_time) * 1000).toISOString()}</dd>
</dl>
<p><a href="${oidc.buildEndSessionUrl(conf, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${config.publicUrl}${DEMO_PATH}/` }).href}">Log out</a></p>`)(
          reply,
        );
      } catch {
        return failed(reply);
      }
    },
  );
}
