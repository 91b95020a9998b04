/** "New password" (from the e-mail link), the policy as the guide words it, and the re-request form. */
import { tr, type PageKey } from '../../i18n/catalogue';
import { GROUPS, MAX_LENGTH, MIN_LENGTH, type PolicyFailure } from '../../domain/password-policy';
import { alert, csrfField, field, hidden } from './forms';
import { html, page, type SafeHtml } from './layout';

export function policyText(): SafeHtml {
  return html`<div id="policy"><p>${tr('policyIntro')}</p>
<ul>
<li>${tr('policyUpper')}</li>
<li>${tr('policyLower')}</li>
<li>${tr('policyNumeric')}</li>
<li>${tr('policySpecial')} <code>${GROUPS.special}</code></li>
</ul></div>`;
}

const POLICY_KEYS: Record<PolicyFailure, PageKey> = {
  'too-short': 'policyTooShort',
  'too-long': 'policyTooLong',
  'too-few-groups': 'policyGroups',
  'invalid-character': 'policyInvalid',
  'contains-username': 'policyUsername',
};

/** Why a password was refused, in the page's language. */
export function policyMessage(failure: PolicyFailure): string {
  return tr(POLICY_KEYS[failure], { min: MIN_LENGTH, max: MAX_LENGTH });
}

export interface NewPasswordView {
  csrf: string;
  token: string;
  uid: string;
  samples: string[];
  failures?: PolicyFailure[];
  mismatch?: boolean;
}

export function newPasswordPage(v: NewPasswordView): string {
  const errors = (v.failures ?? []).map(policyMessage);
  return page({
    title: tr('newPasswordTitle'),
    body: html`<h1>${tr('newPasswordTitle')}</h1>
<p>${tr('chooseNewPassword')}</p>
<p><span class="uid">${v.uid}</span> <span class="muted">${tr('external')}</span></p>
${alert(errors.length || v.mismatch ? tr('passwordNotSet') : undefined)}
<form method="post" action="/cas/password/new" novalidate>
${csrfField(v.csrf)}${hidden('token', v.token)}
${field({ name: 'password', label: tr('newPassword'), type: 'password', autocomplete: 'new-password', error: errors.join(' ') || undefined, hint: tr('seeRules'), maxlength: 128, autofocus: true })}
${field({ name: 'confirm', label: tr('confirmNewPassword'), type: 'password', autocomplete: 'new-password', error: v.mismatch ? tr('passwordsDiffer') : undefined, maxlength: 128 })}
<div class="actions"><button type="submit">${tr('submit')}</button></div>
</form>
${policyText()}
<p>${tr('examples')} <span class="samples" data-testid="samples">${v.samples.join(' ')}</span></p>
<p><a href="/cas/password/new?token=${v.token}">${tr('otherSamples')}</a></p>`,
  });
}

export function passwordSetPage(): string {
  return page({
    title: tr('passwordSetTitle'),
    body: html`<h1>${tr('passwordSetHeading')}</h1>
<div class="alert info" role="status">${tr('passwordSetText')}</div>
<p><a class="button" href="/cas/login">${tr('proceed')}</a></p>`,
  });
}

export function requestLinkPage(
  csrf: string,
  opts: { expired?: boolean; sent?: boolean; error?: string; identifier?: string } = {},
): string {
  return page({
    title: tr('requestLinkTitle'),
    body: html`<h1>${tr('requestLinkTitle')}</h1>
${opts.expired ? alert(tr('linkExpired'), 'info') : ''}
${opts.sent ? alert(tr('linkSent'), 'info') : ''}
${alert(opts.error)}
<form method="post" action="/cas/password/request" novalidate>
${csrfField(csrf)}
${field({ name: 'identifier', label: tr('identifierShort'), value: opts.identifier, autocomplete: 'username', maxlength: 254, autofocus: true })}
<div class="actions"><button type="submit">${tr('confirmRequest')}</button><a href="/cas/login" class="button secondary">${tr('cancel')}</a></div>
</form>`,
  });
}
