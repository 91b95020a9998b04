/** The landing page and the site's one stylesheet. */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { csrfToken } from '../plugins/csrf';
import type { Deps } from '../../domain/deps';
import { signedInUser } from '../plugins/session';
import { html, page } from '../views/layout';
import { tr } from '../../i18n/catalogue';

const SITE_CSS = `:root{color-scheme:light dark;font:16px/1.5 system-ui,sans-serif;--accent:#0b3d91;--on-accent:#fff;--error:#b00020;background:#fff;color:#1a1a1a}
@media (prefers-color-scheme:dark){:root{--accent:#8fb4ff;--on-accent:#0d1b33;--error:#ff8a80;background:#121212;color:#ececec}}
body{margin:0}header.site{padding:12px 24px;background:#0b3d91;color:#fff;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
header.site a,header.site .link{color:#fff;font-weight:600;text-decoration:none}
header.site nav{margin-left:auto;display:flex;gap:16px;align-items:center}
main{max-width:40rem;margin:24px auto;padding:0 16px}main a:not(.button){color:var(--accent)}.muted{opacity:.75}
:focus-visible{outline:3px solid #ffcc00;outline-offset:2px}
.field{margin:0 0 14px}.field label{display:block;font-weight:600}
.field input,.field select{font:inherit;padding:6px 8px;width:100%;max-width:24rem;box-sizing:border-box}
.field.checkbox label{display:inline;font-weight:400}.field.checkbox input{width:auto}
.hint{margin:2px 0 4px;opacity:.8;font-size:.9em}.error{color:var(--error);margin:4px 0 0}
.has-error input{border:2px solid var(--error)}
.alert{padding:10px 12px;margin:0 0 16px;border-left:4px solid var(--accent)}.alert.error{border-color:var(--error)}
button,.button{font:inherit;padding:8px 16px;border-radius:4px;border:1px solid var(--accent);background:var(--accent);color:var(--on-accent);cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:transparent;color:var(--accent)}
button.link{background:none;border:none;padding:0;cursor:pointer;text-decoration:underline}
form.inline{display:inline}.actions{display:flex;gap:12px;align-items:center;margin-top:16px}
fieldset{border:1px solid #8888;padding:8px 12px;margin:0 0 14px}legend{font-weight:600}
.method{display:block;padding:6px 0}.match-number{font-size:3rem;font-weight:700;letter-spacing:.1em;margin:8px 0}.method small{display:block;opacity:.8;margin-left:1.6em}
.captcha{display:flex;gap:8px;align-items:center}.captcha img{background:#fff;border:1px solid #8888}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #8884;vertical-align:top}
code,.uid{font-family:ui-monospace,monospace}
.inline-form{margin:4px 0}.inline-form input{width:auto;max-width:12rem}
.default-submit{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}.samples{font-family:ui-monospace,monospace;letter-spacing:.05em}`;

export function registerHomeRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/', async (request, reply) => {
    // Someone signed in sees My Account and Sign out in the header, as on every other page.
    const who = await signedInUser(request, deps);
    const signedIn = who && { name: who.user.firstName, csrf: csrfToken(request, reply, deps.config) };
    return reply.type('text/html; charset=utf-8').send(
      page({
        title: tr('welcomeTitle'),
        signedIn,
        body: html`<h1>${tr('brand')}</h1>
<p>${tr('homeIntro')}</p>
<ul>
<li><a href="/cas/login">${tr('homeSignIn')}</a> ${tr('homeOr')} <a href="/cas/register">${tr('homeCreate')}</a></li>
<li><a href="/cas/account">${tr('myAccount')}</a></li>
<li><a href="/europass/">Europass</a>, ${tr('homeEuropass')}</li>
</ul>`,
      }),
    );
  });
  // The pages' scripts (the CSP allows no inline script): read once, served as they are.
  for (const name of ['enrolment-wait.js', 'push-wait.js', 'webauthn.js']) {
    const script = fs.readFileSync(new URL(`../views/${name}`, import.meta.url));
    app.get(`/static/${name}`, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
    );
  }
  app.get('/static/site.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(SITE_CSS),
  );
}
