/** The OpenID Provider's own pages: consent for a client that is not Sidekey's own, and an ended authorization. */
import { tr, type PageKey } from '../../i18n/catalogue';
import { csrfField } from './forms';
import { html, page, SafeHtml } from './layout';

const SCOPE_TEXT: Record<string, PageKey> = {
  openid: 'oidcScopeOpenid',
  email: 'oidcScopeEmail',
  profile: 'oidcScopeProfile',
  offline_access: 'oidcScopeOfflineAccess',
};

export function consentPage(v: { csrf: string; uid: string; client: string; scopes: string[] }): string {
  const items = v.scopes.filter((s) => s in SCOPE_TEXT).map((s) => html`<li>${tr(SCOPE_TEXT[s]!)}</li>`);
  return page({
    title: tr('oidcConsentTitle'),
    body: html`<h1>${tr('oidcConsentTitle')}</h1>
<p>${tr('oidcConsentText', { client: v.client })}</p>
<ul>${items}</ul>
<form method="post" action="/oidc/interaction/${v.uid}" novalidate>
${csrfField(v.csrf)}
<div class="actions"><button type="submit" name="decision" value="allow">${tr('oidcAllow')}</button>
<button type="submit" name="decision" value="deny" class="secondary">${tr('oidcDeny')}</button></div>
</form>`,
  });
}

export function oidcEndedPage(): string {
  return page({
    title: tr('oidcEndedTitle'),
    body: html`<h1>${tr('oidcEndedTitle')}</h1><p>${tr('oidcEndedText')}</p>`,
  });
}

/**
 * RP-initiated logout's confirmation (OpenID Connect RP-Initiated Logout 1.0 §2): `form` is the
 * provider's own (its action and anti-forgery token), submitted by the one button as a full sign-out.
 */
export function signOutPage(form: string, client: string | undefined): string {
  return page({
    title: tr('oidcSignOutTitle'),
    body: html`<h1>${tr('oidcSignOutTitle')}</h1>
<p>${tr('oidcSignOutText', { client: client ?? tr('brand') })}</p>
${new SafeHtml(form)}
<div class="actions"><button type="submit" form="op.logoutForm" name="logout" value="yes">${tr('oidcSignOutButton')}</button></div>`,
  });
}

/** An authorization the provider refused before it could send the user back (its error code only). */
export function oidcErrorPage(code: string): string {
  return page({
    title: tr('oidcErrorTitle'),
    body: html`<h1>${tr('oidcErrorTitle')}</h1><p>${tr('oidcErrorText')}</p><p class="muted"><code>${code.slice(0, 64)}</code></p>`,
  });
}
