/**
 * A demo relying party ("Europass"), served by the same process under
 * /europass/. It speaks CAS to the login service like any other application:
 * it sends the user to /cas/login and validates the ticket with
 * /cas/p3/serviceValidate (through the HTTP interface, not a shortcut).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { XMLParser } from 'fast-xml-parser';
import type { WithDeps } from '../../domain/deps';
import type { ZodTypeProvider } from '../plugins/route-schemas';
import { html, page } from '../views/layout';

export async function europassRoutes(scope: FastifyInstance, { deps: { config } }: WithDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const callback = `${config.publicUrl}/europass/callback`;
  const loginUrl = `/cas/login?service=${encodeURIComponent(callback)}`;
  // htmlEntities: character references (&#39;) too, which other CAS servers send; the page escapes once, on output.
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    processEntities: true,
    htmlEntities: true,
  });

  app.get('/europass/', async (_request, reply) =>
    reply.html(
      page({
        title: 'Europass',
        body: html`<h1>Europass</h1>
<p>Your one place to manage your career and learning. EU Login is the European Commission's secure way of entering Europass.</p>
<p><a class="button" href="${loginUrl}">Login to Europass</a></p>`,
      }),
    ),
  );

  app.get(
    '/europass/callback',
    { schema: { querystring: z.object({ ticket: z.unknown().optional() }) } },
    async (request, reply) => {
      const { ticket } = request.query;
      if (typeof ticket !== 'string' || ticket.length > 200) return reply.goTo('/europass/');
      const validation = await app.inject({
        method: 'GET',
        url: `/cas/p3/serviceValidate?service=${encodeURIComponent(callback)}&ticket=${encodeURIComponent(ticket)}`,
      });
      const answer = parser.parse(validation.body)?.serviceResponse;
      const success = answer?.authenticationSuccess;
      if (!success) {
        return reply.code(401).html(
          page({
            title: 'Europass',
            body: html`<h1>Europass</h1><div class="alert error" role="alert">The sign-in could not be confirmed (the ticket was invalid, expired or already used).</div>
<p><a class="button" href="${loginUrl}">Login to Europass</a></p>`,
          }),
        );
      }
      const attributes = success.attributes ?? {};
      const strength = String(attributes.strengths?.strength ?? '');
      return reply.html(
        page({
          title: 'Europass',
          body: html`<h1>Welcome, ${String(attributes.firstName ?? '')} ${String(attributes.lastName ?? '')}</h1>
<p>You are signed in to Europass as <span class="uid">${String(success.user)}</span> (${String(attributes.email ?? '')}).</p>
<p>Authentication strength: <strong data-testid="strength">${strength}</strong></p>
<p><a href="/cas/logout?service=${encodeURIComponent(`${config.publicUrl}/europass/`)}">Log out</a></p>`,
        }),
      );
    },
  );
}
