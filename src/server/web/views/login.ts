/** The two sign-in steps of the guide, and what follows a sign-in. */
import { contextQuery, type LoginContext } from '../../domain/cas/login-target';
import type { Method, MethodId } from '../../domain/cas/strengths';
import { tr, type PageKey } from '../../i18n/catalogue';
import { alert, csrfField, field, hidden } from './forms';
import { html, page } from './layout';

/** Each method's name and description, in the page's language. */
const METHOD_TEXT: Record<MethodId, [PageKey, PageKey]> = {
  'mobile-pin': ['methodPinLabel', 'methodPinDescription'],
  'mobile-qr': ['methodQrLabel', 'methodQrDescription'],
  webauthn: ['methodWebauthnLabel', 'methodWebauthnDescription'],
  password: ['methodPasswordLabel', 'methodPasswordDescription'],
};

export const contextFields = (c: LoginContext) =>
  html`${c.service ? hidden('service', c.service) : ''}${c.level ? hidden('authenticationLevel', c.level) : ''}`;
export const loginUrl = (c: LoginContext) => `/cas/login${contextQuery(c)}`;

export function identifierPage(
  csrf: string,
  c: LoginContext,
  opts: { identifier?: string; error?: string } = {},
): string {
  return page({
    title: tr('signInTitle'),
    body: html`<h1>${tr('signInToContinue')}</h1>
${c.serviceName ? html`<p class="muted">${tr('toService', { service: c.serviceName })}</p>` : ''}
<form method="post" action="/cas/login" novalidate>
${csrfField(csrf)}${contextFields(c)}${hidden('step', 'identifier')}
${field({ name: 'identifier', label: tr('identifierLabel'), value: opts.identifier, error: opts.error, autocomplete: 'username', maxlength: 254, autofocus: true })}
<div class="actions"><button type="submit">${tr('next')}</button></div>
</form>
<form method="post" action="/cas/login/passkey" class="passkey" novalidate>
${csrfField(csrf)}${contextFields(c)}
<div class="actions"><button type="submit" class="secondary">${tr('signInWithPasskey')}</button></div>
</form>
<p><a href="/cas/register">${tr('createAccount')}</a></p>`,
  });
}

export interface PasswordStepView {
  csrf: string;
  context: LoginContext;
  identifier: string;
  methods: Method[];
  method?: string;
  error?: string;
  /**
   * A signed-in user whose sign-in is too weak for the service: the second factor alone is asked,
   * not the password again (step `second`); "a different e-mail address" signs in anew.
   */
  stepUp?: boolean;
}

export function passwordStepPage(v: PasswordStepView): string {
  // Step 2 does not know the account (no enumeration), so it cannot know whether a device
  // exists: the password alone is preselected where the service accepts it.
  const chosen = v.methods.find((m) => m.id === v.method) ?? v.methods.find((m) => m.id === 'password') ?? v.methods[0];
  return page({
    title: tr('welcomeBack'),
    body: html`<h1>${tr('welcomeBack')}</h1>
<p><strong>${v.identifier}</strong> <span class="muted">${tr('external')}</span></p>
<p><a href="${v.stepUp ? `${loginUrl(v.context)}${v.context.service || v.context.level ? '&' : '?'}renew=true` : loginUrl(v.context)}">${tr('differentEmail')}</a></p>
${v.stepUp ? html`<p>${tr('stepUpNeeded')}</p>` : ''}
${alert(v.error)}
${
  v.methods.length === 0
    ? alert(tr('strongerRequired'))
    : html`<form method="post" action="/cas/login" novalidate>
${csrfField(v.csrf)}${contextFields(v.context)}${hidden('step', v.stepUp ? 'second' : 'password')}${hidden('identifier', v.identifier)}
<fieldset><legend>${tr('chooseMethod')}</legend>
${v.methods.map((m) => html`<label class="method"><input type="radio" name="method" value="${m.id}"${m === chosen ? html` checked` : ''}> ${tr(METHOD_TEXT[m.id][0])}<small>${tr(METHOD_TEXT[m.id][1])}</small></label>`)}
</fieldset>
${v.stepUp ? '' : field({ name: 'password', label: tr('password'), type: 'password', autocomplete: 'current-password', maxlength: 128, autofocus: true })}
<div class="actions"><button type="submit">${tr('signInButton')}</button></div>
</form>`
}`,
  });
}

/** After a sign-in by someone with no device yet: the guide's notice, then Continue. */
export function noDeviceNoticePage(continueUrl: string, signedIn: { name: string; csrf: string }): string {
  const [before, after] = tr('noDeviceNotice').split('{link}');
  return page({
    title: tr('signedInTitle'),
    signedIn,
    body: html`<h1>${tr('youAreSignedIn')}</h1>
<div class="alert info" role="status">${before}<a href="/cas/account">${tr('myAccount')}</a>${after}</div>
<p><a class="button" href="${continueUrl}">${tr('continue')}</a></p>`,
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
    title: tr('qrTitle'),
    body: html`<h1>${tr('qrTitle')}</h1>
<p>${tr('qrIntro')}</p>
${v.error ? html`<div class="alert error" role="alert" data-sidekey-result="${v.error.code}"${v.error.attemptsLeft !== undefined ? html` data-attempts-left="${v.error.attemptsLeft}"` : ''}>${v.error.message}</div>` : ''}
<p><img src="${v.qrImage}" width="240" height="240" alt="${tr('qrAlt')}" data-sidekey-qr="login"></p>
<form method="post" action="/cas/login/qr" novalidate>
${csrfField(v.csrf)}${contextFields(v.context)}${hidden('tx', v.tx)}
${field({ name: 'otp', label: tr('qrCodeLabel'), inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 8, autofocus: true })}
<div class="actions"><button type="submit">${tr('signInButton')}</button></div>
</form>
<p><a href="${loginUrl(v.context)}">${tr('anotherMethod')}</a></p>`,
  });
}

/** Where a sign-in by a second factor ends when it cannot go on. */
export function signInEndedPage(message: string, code: string, context: LoginContext): string {
  return page({
    title: tr('signInStopped'),
    body: html`<h1>${tr('signInStopped')}</h1>
<div class="alert error" role="alert" data-sidekey-result="${code}">${message}</div>
<p><a class="button" href="${loginUrl(context)}">${tr('signInAgain')}</a></p>`,
  });
}
