/** "Add a mobile device", the re-authentication before it, the QR page, and the device list. */
import { PIN_LENGTH } from '../../../core/pin';
import type { Device } from '../../store/devices';
import { scriptTexts, tr } from '../../i18n/catalogue';
import { alert, csrfField, field } from './forms';
import { html, page, type SafeHtml } from './layout';

type SignedIn = { name: string; csrf: string };

/** The password again before a sensitive change; `to` names the change's page and the form's action. */
export function reauthPage(
  signedIn: SignedIn,
  error?: string,
  to: { title: string; action: string } = { title: tr('addDeviceTitle'), action: '/cas/mobile/reauth' },
): string {
  return page({
    title: to.title,
    signedIn,
    body: html`<h1>${to.title}</h1>
<p>${tr('reauthIntro')}</p>
${alert(error)}
<form method="post" action="${to.action}" novalidate>
${csrfField(signedIn.csrf)}
${field({ name: 'password', label: tr('password'), type: 'password', autocomplete: 'current-password', maxlength: 128, autofocus: true })}
<div class="actions"><button type="submit">${tr('continue')}</button><a class="button secondary" href="/cas/account">${tr('cancel')}</a></div>
</form>`,
  });
}

export interface AddDeviceView {
  signedIn: SignedIn;
  values?: { deviceName?: string };
  errors?: { deviceName?: string; pin?: string; pinConfirm?: string };
  notice?: string;
}

export function addDevicePage(v: AddDeviceView): string {
  const e = v.errors ?? {};
  return page({
    title: tr('addDeviceTitle'),
    signedIn: v.signedIn,
    body: html`<h1>${tr('addDeviceTitle')}</h1>
<p>${tr('addDeviceIntro')}</p>
${alert(v.notice)}
<form method="post" action="/cas/mobile" novalidate>
${csrfField(v.signedIn.csrf)}
${field({ name: 'deviceName', label: tr('deviceName'), value: v.values?.deviceName, error: e.deviceName, maxlength: 50, autofocus: true, hint: tr('deviceNameHint') })}
${field({ name: 'pin', label: tr('pinLabel'), type: 'password', inputmode: 'numeric', maxlength: PIN_LENGTH, autocomplete: 'off', error: e.pin, hint: tr('pinHint') })}
${field({ name: 'pinConfirm', label: tr('pinConfirmLabel'), type: 'password', inputmode: 'numeric', maxlength: PIN_LENGTH, autocomplete: 'off', error: e.pinConfirm })}
<div class="actions"><button type="submit">${tr('submit')}</button><a class="button secondary" href="/cas/account">${tr('cancel')}</a></div>
</form>`,
  });
}

export function enrolmentQrPage(
  signedIn: SignedIn,
  enrolmentId: string,
  qrImage: string,
  expiresInMinutes: number,
): string {
  return page({
    title: tr('initialiseTitle'),
    signedIn,
    body: html`<h1>${tr('initialiseTitle')}</h1>
<ol>
<li>${tr('initialiseStep1')}</li>
<li>${tr('initialiseStep2')}</li>
</ol>
<p><img src="${qrImage}" width="240" height="240" alt="${tr('initialiseAlt')}" data-sidekey-qr="enrolment"></p>
<p id="enrolment-status" role="status" aria-live="polite" data-status-url="/cas/mobile/enrolments/${enrolmentId}/status" data-texts="${scriptTexts({ done: 'jsEnrolDone', expired: 'jsEnrolExpired', cancelled: 'jsEnrolCancelled' })}">${tr('waitingEnrolment', { minutes: expiresInMinutes })}</p>
<p id="enrolment-next" hidden><a class="button" href="/cas/account">${tr('goToAccount')}</a></p>
<p id="enrolment-retry" hidden><a class="button" href="/cas/mobile">${tr('startAgain')}</a></p>
<script src="/static/enrolment-wait.js"></script>`,
  });
}

const when = (ms: number | null) =>
  ms === null ? tr('never') : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export function deviceList(devices: Device[], csrf: string): SafeHtml {
  if (devices.length === 0) {
    return html`<p>${tr('noDeviceFound')}</p><p><a class="button" href="/cas/mobile">${tr('addMobileDevice')}</a></p>`;
  }
  return html`<table data-testid="devices"><thead><tr><th scope="col">${tr('name')}</th><th scope="col">${tr('added')}</th><th scope="col">${tr('lastUsed')}</th><th scope="col">${tr('manage')}</th></tr></thead><tbody>
${devices.map(
  (
    d,
  ) => html`<tr data-device="${d.id}"><td>${d.name}${d.status === 'locked' ? html` <strong>${tr('lockedInitialise')}</strong>` : ''}<br><span class="muted">${d.browser}</span></td><td>${when(d.createdAt)}</td><td>${when(d.lastUsedAt)}</td><td>
<form method="post" action="/cas/devices/${d.id}/rename" class="inline-form">${csrfField(csrf)}<label>${tr('newName')} <input name="name" value="${d.name}" maxlength="50" required></label> <button type="submit" class="secondary">${tr('rename')}</button></form>
<form method="post" action="/cas/devices/${d.id}/remove" class="inline-form">${csrfField(csrf)}<label>${tr('password')} <input name="password" type="password" autocomplete="current-password" maxlength="128" required></label> <button type="submit" class="secondary">${tr('remove')}</button></form>
</td></tr>`,
)}
</tbody></table>
<p><a class="button" href="/cas/mobile">${tr('addMobileDevice')}</a></p>`;
}
