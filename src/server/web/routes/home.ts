/** The landing page. */
import type { FastifyInstance } from 'fastify';
import { html, page } from '../views/layout';
import { tr } from '../../i18n/catalogue';

export async function homeRoutes(app: FastifyInstance) {
  app.get('/', { preHandler: app.withSession }, async (request, reply) => {
    // Someone signed in sees My Account and Sign out in the header, as on every other page.
    const signedIn = request.who?.frame;
    return reply.html(
      page({
        title: tr('welcomeTitle'),
        signedIn,
        body: html`<h1>${tr('brand')}</h1>
<p>${tr('homeIntro')}</p>
<ul>
<li><a href="/cas/login">${tr('homeSignIn')}</a> ${tr('homeOr')} <a href="/cas/register">${tr('homeCreate')}</a></li>
<li><a href="/cas/account">${tr('myAccount')}</a></li>
<li><a href="/europass/">Europass</a>, ${tr('homeEuropass')}</li>
<li><a href="/eusurvey/">EUSurvey</a>, ${tr('homeEusurvey')}</li>
</ul>`,
      }),
    );
  });
}
