/** My Account: identity, password, devices, security keys, activity. */
import { EU_LANGUAGES } from '../../../core/languages';
import type { PolicyFailure } from '../../domain/password-policy';
import type { Activity } from '../../store/activity';
import type { Device } from '../../store/devices';
import { deviceList } from './devices';
import type { StoredCredential } from '../../store/webauthn';
import { securityKeyList } from './security-keys';
import type { User } from '../../store/users';
import { tr, type PageKey } from '../../i18n/catalogue';
import { alert, csrfField, field } from './forms';
import { html, page } from './layout';
import { policyMessage, policyText } from './password';

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
  const policyErrors = (v.passwordErrors?.failures ?? []).map(policyMessage).join(' ');
  return page({
    title: tr('myAccount'),
    signedIn: { name: user.firstName, csrf: v.csrf },
    body: html`<h1>${tr('myAccount')}</h1>
${alert(v.notice, 'info')}
<section aria-labelledby="identity"><h2 id="identity">${tr('accountDetails')}</h2>
<table><tbody>
<tr><th scope="row">${tr('firstName')}</th><td>${user.firstName}</td></tr>
<tr><th scope="row">${tr('lastName')}</th><td>${user.lastName}</td></tr>
<tr><th scope="row">${tr('email')}</th><td>${user.email}</td></tr>
<tr><th scope="row">${tr('uniqueIdentifier')}</th><td class="uid" data-testid="uid">${user.uid}</td></tr>
<tr><th scope="row">${tr('emailLanguage')}</th><td>${language}</td></tr>
</tbody></table></section>

<section aria-labelledby="devices"><h2 id="devices">${tr('myDevices')}</h2>
${deviceList(v.devices, v.csrf)}</section>

<section aria-labelledby="keys"><h2 id="keys">${tr('myKeys')}</h2>
${securityKeyList(v.credentials, v.csrf)}</section>

<section aria-labelledby="change-password"><h2 id="change-password">${tr('changePassword')}</h2>
${alert(v.passwordErrors ? tr('passwordNotChanged') : undefined)}
<form method="post" action="/cas/account/password" novalidate>
${csrfField(v.csrf)}
${field({ name: 'current', label: tr('currentPassword'), type: 'password', autocomplete: 'current-password', error: v.passwordErrors?.current, maxlength: 128 })}
${field({ name: 'password', label: tr('newPassword'), type: 'password', autocomplete: 'new-password', error: policyErrors || undefined, maxlength: 128 })}
${field({ name: 'confirm', label: tr('confirmNewPassword'), type: 'password', autocomplete: 'new-password', error: v.passwordErrors?.mismatch ? tr('passwordsDiffer') : undefined, maxlength: 128 })}
<div class="actions"><button type="submit">${tr('changePassword')}</button></div>
</form>
${policyText()}</section>

<section aria-labelledby="activity"><h2 id="activity">${tr('myActivity')}</h2>
${
  v.activity.length === 0
    ? html`<p>${tr('noActivity')}</p>`
    : html`<table data-testid="activity"><thead><tr><th scope="col">${tr('when')}</th><th scope="col">${tr('what')}</th><th scope="col">${tr('from')}</th></tr></thead><tbody>
${v.activity.map((a) => html`<tr><td>${when(a.at)}</td><td>${tr(ACTIVITY_LABELS[a.kind])}${a.detail ? html` <span class="muted">(${a.detail})</span>` : ''}</td><td>${a.ip}<br><span class="muted">${a.userAgent}</span></td></tr>`)}
</tbody></table>`
}
</section>`,
  });
}

const ACTIVITY_LABELS: Record<Activity['kind'], PageKey> = {
  'account-created': 'actAccountCreated',
  'password-set': 'actPasswordSet',
  'password-changed': 'actPasswordChanged',
  'sign-in': 'actSignIn',
  'sign-in-failed': 'actSignInFailed',
  'sign-in-denied': 'actSignInDenied',
  'sign-in-reported': 'actSignInReported',
  'sign-out': 'actSignOut',
  'password-link-requested': 'actLinkRequested',
  'device-added': 'actDeviceAdded',
  'device-renamed': 'actDeviceRenamed',
  'device-removed': 'actDeviceRemoved',
  'device-locked': 'actDeviceLocked',
  'security-key-added': 'actKeyAdded',
  'security-key-renamed': 'actKeyRenamed',
  'security-key-removed': 'actKeyRemoved',
  'security-key-refused': 'actKeyRefused',
};
