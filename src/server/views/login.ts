/** The two sign-in steps of the guide, and what follows a sign-in. */
import type { Method } from '../cas/strengths';
import { alert, csrfField, field, hidden } from './forms';
import { html, page } from './layout';

/** What a sign-in carries from page to page: the relying party and what it accepts. */
export interface LoginContext {
  service?: string;
  serviceName?: string;
}

const contextFields = (c: LoginContext) => (c.service ? hidden('service', c.service) : '');
const loginUrl = (c: LoginContext) =>
  c.service ? `/cas/login?service=${encodeURIComponent(c.service)}` : '/cas/login';

export function identifierPage(
  csrf: string,
  c: LoginContext,
  opts: { identifier?: string; error?: string } = {},
): string {
  return page({
    title: 'Sign in',
    body: html`<h1>Sign in to continue</h1>
${c.serviceName ? html`<p class="muted">to ${c.serviceName}</p>` : ''}
<form method="post" action="/cas/login" novalidate>
${csrfField(csrf)}${contextFields(c)}${hidden('step', 'identifier')}
${field({ name: 'identifier', label: 'Enter your e-mail address or unique identifier', value: opts.identifier, error: opts.error, autocomplete: 'username', maxlength: 254, autofocus: true })}
<div class="actions"><button type="submit">Next &gt;</button></div>
</form>
<p><a href="/cas/register">Create an account</a></p>`,
  });
}

export interface PasswordStepView {
  csrf: string;
  context: LoginContext;
  identifier: string;
  methods: Method[];
  method?: string;
  error?: string;
}

export function passwordStepPage(v: PasswordStepView): string {
  const chosen = v.methods.find((m) => m.id === v.method) ?? v.methods[0];
  return page({
    title: 'Welcome back',
    body: html`<h1>Welcome back</h1>
<p><strong>${v.identifier}</strong> <span class="muted">(External)</span></p>
<p><a href="${loginUrl(v.context)}">Sign in with a different e-mail address?</a></p>
${alert(v.error)}
${
  v.methods.length === 0
    ? alert(
        'This service requires a stronger verification method than the ones you can use. Add a mobile device or a security key in My Account, then sign in again.',
      )
    : html`<form method="post" action="/cas/login" novalidate>
${csrfField(v.csrf)}${contextFields(v.context)}${hidden('step', 'password')}${hidden('identifier', v.identifier)}
<fieldset><legend>Choose your verification method</legend>
${v.methods.map((m) => html`<label class="method"><input type="radio" name="method" value="${m.id}"${m === chosen ? html` checked` : ''}> ${m.label}<small>${m.description}</small></label>`)}
</fieldset>
${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', maxlength: 128, autofocus: true })}
<div class="actions"><button type="submit">Sign in</button></div>
</form>`
}`,
  });
}

export function noDeviceNoticePage(
  continueUrl: string,
  signedIn: { name: string; csrf: string },
  hasDevice = false,
): string {
  return page({
    title: 'Signed in',
    signedIn,
    body: html`<h1>You are signed in</h1>
${hasDevice ? '' : html`<div class="alert info" role="status">No mobile device found. To register a mobile device, go to <a href="/cas/account">My Account</a>.</div>`}
<p><a class="button" href="${continueUrl}">Continue</a></p>`,
  });
}

export function messagePage(title: string, message: string, link?: { href: string; label: string }): string {
  return page({
    title,
    body: html`<h1>${title}</h1><p>${message}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`,
  });
}
