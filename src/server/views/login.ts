/** The two sign-in steps of the guide, and what follows a sign-in. */
import type { Method } from '../cas/strengths';
import { alert, csrfField, field, hidden } from './forms';
import { html, page } from './layout';

/** What a sign-in carries from page to page: the relying party and what it accepts. */
export interface LoginContext {
  service?: string;
  serviceName?: string;
}

export const contextFields = (c: LoginContext) => (c.service ? hidden('service', c.service) : '');
export const loginUrl = (c: LoginContext) =>
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
<form method="post" action="/cas/login/passkey" class="passkey" novalidate>
${csrfField(csrf)}${contextFields(c)}
<div class="actions"><button type="submit" class="secondary">Sign in with a passkey</button></div>
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
  // Step 2 does not know the account (no enumeration), so it cannot know whether a device
  // exists: the password alone is preselected where the service accepts it.
  const chosen = v.methods.find((m) => m.id === v.method) ?? v.methods.find((m) => m.id === 'password') ?? v.methods[0];
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

export interface QrLoginView {
  csrf: string;
  context: LoginContext;
  tx: string;
  qrImage: string;
  error?: { message: string; code: string; attemptsLeft?: number };
}

/** The guide's "QR code authentication" page. `data-sidekey-result` lets the extension show the server's answer. */
export function qrLoginPage(v: QrLoginView): string {
  return page({
    title: 'QR code authentication',
    body: html`<h1>QR code authentication</h1>
<p>Please scan the QR code with your EU Login mobile app and type in the generated code below.</p>
${v.error ? html`<div class="alert error" role="alert" data-sidekey-result="${v.error.code}"${v.error.attemptsLeft !== undefined ? html` data-attempts-left="${v.error.attemptsLeft}"` : ''}>${v.error.message}</div>` : ''}
<p><img src="${v.qrImage}" width="240" height="240" alt="QR code to sign in with your mobile app" data-sidekey-qr="login"></p>
<form method="post" action="/cas/login/qr" novalidate>
${csrfField(v.csrf)}${contextFields(v.context)}${hidden('tx', v.tx)}
${field({ name: 'otp', label: 'Code generated by your app', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 8, autofocus: true })}
<div class="actions"><button type="submit">Sign in</button></div>
</form>
<p><a href="${loginUrl(v.context)}">Sign in with another method</a></p>`,
  });
}

/** Where a sign-in by a second factor ends when it cannot go on. */
export function signInEndedPage(message: string, code: string, context: LoginContext): string {
  return page({
    title: 'Sign-in stopped',
    body: html`<h1>Sign-in stopped</h1>
<div class="alert error" role="alert" data-sidekey-result="${code}">${message}</div>
<p><a class="button" href="${loginUrl(context)}">Sign in again</a></p>`,
  });
}
