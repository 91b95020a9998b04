/**
 * The OpenID Provider on the server (docs/oidc.md). `oidcProviderRoutes`: every `/oidc/…` request
 * but the interaction goes to oidc-provider as it came, its body unread (the provider reads and
 * bounds its own), with the public URL's host and scheme, so the URLs it writes are the issuer's
 * whatever Host a client sent. `oidcInteractionRoutes`: where it sends the user to sign in —
 * Sidekey's own sign-in at the level the client needs, then back; and consent for a client that
 * is not first-party.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { WithDeps } from '../../domain/deps';
import { amrOf, levelOf, reaches } from '../../domain/oidc/levels';
import { clientConfig, INTERACTION_PATH, OIDC_PATH, requiredLevel } from '../../domain/oidc/clients';
import { hashToken, looksLikeToken } from '../../platform/tokens';
import { cookieName } from '../plugins/cookies';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { consentPage, oidcEndedPage } from '../views/oidc';

export async function oidcProviderRoutes(
  scope: FastifyInstance,
  { provider, deps }: WithDeps & { provider: Provider },
) {
  // RP-initiated logout confirmed (its page's one button signs out of EU Login too): the Sidekey
  // session ends with the provider's, before the answer leaves (Koa sends it after its middleware).
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.method === 'POST' && ctx.path === '/session/end/confirm' && [302, 303].includes(ctx.status)) {
      const token = ctx.cookies.get(cookieName(deps.config, 'session'), { signed: false });
      if (looksLikeToken(token)) await deps.store.sessions.delete(token);
    }
  });
  scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
  const handle = provider.callback();
  const { host, protocol } = new URL(deps.config.publicUrl);
  scope.all(`${OIDC_PATH}/*`, async (request, reply) => {
    reply.hijack();
    const raw = request.raw as IncomingMessage & { originalUrl?: string };
    raw.originalUrl = raw.url;
    raw.url = raw.url!.slice(OIDC_PATH.length) || '/';
    raw.headers.host = host;
    raw.headers['x-forwarded-proto'] = protocol.slice(0, -1);
    delete raw.headers['x-forwarded-host'];
    await handle(raw, reply.raw);
  });
}

/** The session a browser had when an authorization asked for a new sign-in (kept with the provider's state). */
const FRESH_SIGN_IN = 'SidekeyFreshSignIn';

const uidParams = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
const consentBody = z.object({ decision: z.enum(['allow', 'deny']) });

export async function oidcInteractionRoutes(
  scope: FastifyInstance,
  { deps, provider }: WithDeps & { provider: Provider },
) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { config, store } = deps;

  /** The interaction this browser is in (its cookie), or null when it ended or is not this one. */
  async function interactionOf(request: FastifyRequest, reply: FastifyReply, uid: string) {
    try {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      const client = clientConfig(config, details.params.client_id);
      return details.uid === uid && client ? { details, client } : null;
    } catch {
      return null;
    }
  }
  const ended = (reply: FastifyReply) => reply.code(410).html(oidcEndedPage());

  app.get(
    `${INTERACTION_PATH}/:uid`,
    { preHandler: app.withSession, schema: { params: uidParams } },
    async (request, reply) => {
      const { uid } = request.params;
      const found = await interactionOf(request, reply, uid);
      if (!found) return ended(reply);
      const { details, client } = found;
      const service = `${config.publicUrl}${INTERACTION_PATH}/${uid}`;
      const who = request.who;
      if (details.prompt.name === 'login') {
        const level = requiredLevel(client, details.params);
        const signInAgain = `/cas/login?service=${encodeURIComponent(service)}`;
        // prompt=login, or a sign-in older than max_age (OpenID Connect Core §3.1.2.1): a sign-in
        // made for this request — another session than the one this browser had when it came.
        if (details.prompt.reasons.some((r) => r === 'login_prompt' || r === 'max_age')) {
          const seen = await store.oidcState.find(FRESH_SIGN_IN, uid);
          const current = who ? hashToken(who.token) : '';
          if (!seen) {
            await store.oidcState.upsert(FRESH_SIGN_IN, uid, { stale: current }, 10 * 60);
            return reply.goTo(`${signInAgain}&renew=true`);
          }
          if (!who || current === seen.stale) return reply.goTo(`${signInAgain}&renew=true`);
        }
        if (!who || !reaches(who.session.strength, level)) return reply.goTo(signInAgain);
        const { strength, authenticatedAt } = who.session;
        const to = await provider.interactionResult(
          request.raw,
          reply.raw,
          {
            login: {
              accountId: who.user.uid,
              acr: levelOf(strength),
              amr: amrOf(strength),
              ts: Math.floor(authenticatedAt / 1000),
              remember: true,
            },
          },
          { mergeWithLastSubmission: false },
        );
        return reply.goTo(to);
      }
      // Consent: only for the user the provider signed in, asked on Sidekey's page.
      if (!who || who.user.uid !== details.session?.accountId) return ended(reply);
      const scopes = String(details.params.scope ?? '').split(' ');
      return reply.html(consentPage({ csrf: reply.csrfToken(), uid, client: client.client_name, scopes }));
    },
  );

  app.post(
    `${INTERACTION_PATH}/:uid`,
    { preHandler: app.withSession, schema: { params: uidParams, body: consentBody } },
    async (request, reply) => {
      const found = await interactionOf(request, reply, request.params.uid);
      const who = request.who;
      if (
        !found ||
        found.details.prompt.name !== 'consent' ||
        !who ||
        who.user.uid !== found.details.session?.accountId
      )
        return ended(reply);
      const { details } = found;
      if (request.body.decision === 'deny') {
        const to = await provider.interactionResult(request.raw, reply.raw, {
          error: 'access_denied',
          error_description: 'The user did not allow access.',
        });
        return reply.goTo(to);
      }
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: who.user.uid, clientId: String(details.params.client_id) });
      if (!grant) return ended(reply);
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      const to = await provider.interactionResult(
        request.raw,
        reply.raw,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return reply.goTo(to);
    },
  );
}
