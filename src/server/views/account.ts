/** My Account: identity, password, devices, security keys, activity. */
import { EU_LANGUAGES } from '../../core/languages';
import { type PolicyFailure, POLICY_MESSAGES } from '../services/password-policy';
import type { Activity } from '../store/activity';
import type { Device } from '../store/devices';
import { deviceList } from './devices';
import type { StoredCredential } from '../store/webauthn';
import { securityKeyList } from './security-keys';
import type { User } from '../store/users';
import { alert, csrfField, field } from './forms';
import { html, page } from './layout';
import { policyText } from './password';

export interface AccountView {
  user: User;
  csrf: string;
  activity: Activity[];
  devices: Device[];
  credentials: StoredCredential[];
  passwordErrors?: { current?: string; failures?: PolicyFailure[]; mismatch?: boolean };
  notice?: string;
}

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

export function accountPage(v: AccountView): string {
  const { user } = v;
  const language = EU_LANGUAGES.find(([code]) => code === user.language)?.[1] ?? user.language;
  const policyErrors = (v.passwordErrors?.failures ?? []).map((f) => POLICY_MESSAGES[f]).join(' ');
  return page({
    title: 'My Account',
    signedIn: { name: user.firstName, csrf: v.csrf },
    body: html`<h1>My Account</h1>
${alert(v.notice, 'info')}
<section aria-labelledby="identity"><h2 id="identity">My account details</h2>
<table><tbody>
<tr><th scope="row">First name</th><td>${user.firstName}</td></tr>
<tr><th scope="row">Last name</th><td>${user.lastName}</td></tr>
<tr><th scope="row">E-mail</th><td>${user.email}</td></tr>
<tr><th scope="row">Unique identifier</th><td class="uid" data-testid="uid">${user.uid}</td></tr>
<tr><th scope="row">E-mail language</th><td>${language}</td></tr>
</tbody></table></section>

<section aria-labelledby="devices"><h2 id="devices">My mobile devices</h2>
${deviceList(v.devices, v.csrf)}</section>

<section aria-labelledby="keys"><h2 id="keys">My Security Keys and Trusted Platforms</h2>
${securityKeyList(v.credentials, v.csrf)}</section>

<section aria-labelledby="change-password"><h2 id="change-password">Change password</h2>
${alert(v.passwordErrors ? 'Your password was not changed. See the reasons below.' : undefined)}
<form method="post" action="/cas/account/password" novalidate>
${csrfField(v.csrf)}
${field({ name: 'current', label: 'Current password', type: 'password', autocomplete: 'current-password', error: v.passwordErrors?.current, maxlength: 128 })}
${field({ name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', error: policyErrors || undefined, maxlength: 128 })}
${field({ name: 'confirm', label: 'Confirm new password', type: 'password', autocomplete: 'new-password', error: v.passwordErrors?.mismatch ? 'The passwords do not match.' : undefined, maxlength: 128 })}
<div class="actions"><button type="submit">Change password</button></div>
</form>
${policyText()}</section>

<section aria-labelledby="activity"><h2 id="activity">My activity</h2>
${
  v.activity.length === 0
    ? html`<p>No activity yet.</p>`
    : html`<table data-testid="activity"><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">From</th></tr></thead><tbody>
${v.activity.map((a) => html`<tr><td>${when(a.at)}</td><td>${ACTIVITY_LABELS[a.kind]}${a.detail ? html` <span class="muted">(${a.detail})</span>` : ''}</td><td>${a.ip}<br><span class="muted">${a.userAgent}</span></td></tr>`)}
</tbody></table>`
}
</section>`,
  });
}

const ACTIVITY_LABELS: Record<Activity['kind'], string> = {
  'account-created': 'Account created',
  'password-set': 'Password created',
  'password-changed': 'Password changed',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'sign-in-denied': 'Sign-in denied on your device',
  'sign-in-reported': 'Sign-in reported as not you',
  'sign-out': 'Signed out',
  'password-link-requested': 'New password link requested',
  'device-added': 'Mobile device added',
  'device-renamed': 'Mobile device renamed',
  'device-removed': 'Mobile device removed',
  'device-locked': 'Mobile device locked',
  'security-key-added': 'Security key or trusted platform added',
  'security-key-renamed': 'Security key or trusted platform renamed',
  'security-key-removed': 'Security key or trusted platform removed',
  'security-key-refused': 'Security key refused',
};
