/** "New password" (from the e-mail link), the policy as the guide words it, and the re-request form. */
import { GROUPS, type PolicyFailure, POLICY_MESSAGES } from '../services/password-policy';
import { alert, csrfField, field, hidden } from './forms';
import { html, page, type SafeHtml } from './layout';

export function policyText(): SafeHtml {
  return html`<div id="policy"><p>Passwords cannot include your username and must contain at least 8 characters chosen from at least three of the following four character groups (white space permitted):</p>
<ul>
<li>Upper Case: A to Z</li>
<li>Lower Case: a to z</li>
<li>Numeric: 0 to 9</li>
<li>Special Characters: <code>${GROUPS.special}</code></li>
</ul></div>`;
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
  const errors = (v.failures ?? []).map((f) => POLICY_MESSAGES[f]);
  return page({
    title: 'New password',
    body: html`<h1>New password</h1>
<p>Please choose your new password.</p>
<p><span class="uid">${v.uid}</span> <span class="muted">(External)</span></p>
${alert(errors.length || v.mismatch ? 'Your password could not be set. See the reasons below.' : undefined)}
<form method="post" action="/cas/password/new" novalidate>
${csrfField(v.csrf)}${hidden('token', v.token)}
${field({ name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', error: errors.join(' ') || undefined, hint: 'See the rules below.', maxlength: 128, autofocus: true })}
${field({ name: 'confirm', label: 'Confirm new password', type: 'password', autocomplete: 'new-password', error: v.mismatch ? 'The passwords do not match.' : undefined, maxlength: 128 })}
<div class="actions"><button type="submit">Submit</button></div>
</form>
${policyText()}
<p>Examples: <span class="samples" data-testid="samples">${v.samples.join(' ')}</span></p>
<p><a href="/cas/password/new?token=${v.token}">[Generate other sample passwords]</a></p>`,
  });
}

export function passwordSetPage(): string {
  return page({
    title: 'Password set',
    body: html`<h1>Your password has been set</h1>
<div class="alert info" role="status">You can now sign in with your e-mail address or unique identifier and your new password.</div>
<p><a class="button" href="/cas/login">Proceed</a></p>`,
  });
}

export function requestLinkPage(
  csrf: string,
  opts: { expired?: boolean; sent?: boolean; error?: string; identifier?: string } = {},
): string {
  return page({
    title: 'Request a new password link',
    body: html`<h1>Request a new password link</h1>
${opts.expired ? alert('This link is no longer valid: it has expired or has already been used. Enter your username to receive a new one.', 'info') : ''}
${opts.sent ? alert('If this username belongs to an account, a new e-mail with a link to create your password is on its way.', 'info') : ''}
${alert(opts.error)}
<form method="post" action="/cas/password/request" novalidate>
${csrfField(csrf)}
${field({ name: 'identifier', label: 'E-mail address or unique identifier', value: opts.identifier, autocomplete: 'username', maxlength: 254, autofocus: true })}
<div class="actions"><button type="submit">Confirm request</button><a href="/cas/login" class="button secondary">Cancel</a></div>
</form>`,
  });
}
