/** The OpenID Provider's own pages: consent for a client that is not Sidekey's own, and an ended authorization. */
import { tr, type PageKey } from '../../i18n/catalogue';
import { csrfField } from './forms';
import { html, page } from './layout';

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
