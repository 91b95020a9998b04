/** "Add a mobile device", the re-authentication before it, the QR page, and the device list. */
import type { Device } from '../store/devices';
import { alert, csrfField, field } from './forms';
import { html, page, type SafeHtml } from './layout';

type SignedIn = { name: string; csrf: string };

/** The password again before a sensitive change; `to` names the change's page and the form's action. */
export function reauthPage(
  signedIn: SignedIn,
  error?: string,
  to: { title: string; action: string } = { title: 'Add a mobile device', action: '/cas/mobile/reauth' },
): string {
  return page({
    title: to.title,
    signedIn,
    body: html`<h1>${to.title}</h1>
<p>If needed, authenticate again with your username and password: please enter your password to continue.</p>
${alert(error)}
<form method="post" action="${to.action}" novalidate>
${csrfField(signedIn.csrf)}
${field({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', maxlength: 128, autofocus: true })}
<div class="actions"><button type="submit">Continue</button><a class="button secondary" href="/cas/account">Cancel</a></div>
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
    title: 'Add a mobile device',
    signedIn: v.signedIn,
    body: html`<h1>Add a mobile device</h1>
<p>Please give a name to identify your mobile device and a PIN code to use for it.</p>
${alert(v.notice)}
<form method="post" action="/cas/mobile" novalidate>
${csrfField(v.signedIn.csrf)}
${field({ name: 'deviceName', label: 'Your device name', value: v.values?.deviceName, error: e.deviceName, maxlength: 50, autofocus: true, hint: 'For example: Sidekey in Firefox at work' })}
${field({ name: 'pin', label: 'Your 4 digit PIN code', type: 'password', inputmode: 'numeric', maxlength: 4, autocomplete: 'off', error: e.pin, hint: 'You will be required to enter this PIN code on your mobile device to use the EU Login mobile app. Choose a PIN code you can easily remember, but not easy to guess.' })}
${field({ name: 'pinConfirm', label: 'Confirm your PIN code', type: 'password', inputmode: 'numeric', maxlength: 4, autocomplete: 'off', error: e.pinConfirm })}
<div class="actions"><button type="submit">Submit</button><a class="button secondary" href="/cas/account">Cancel</a></div>
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
    title: 'Initialise your device',
    signedIn,
    body: html`<h1>Initialise your device</h1>
<ol>
<li>Open Sidekey from this browser's toolbar and choose <strong>Initialise with this page</strong>.</li>
<li>Enter the PIN code you have just chosen and choose <strong>Authenticate</strong>.</li>
</ol>
<p><img src="${qrImage}" width="240" height="240" alt="QR code to initialise Sidekey" data-sidekey-qr="enrolment"></p>
<p id="enrolment-status" role="status" aria-live="polite" data-status-url="/cas/mobile/enrolments/${enrolmentId}/status">Waiting for your device… This code is valid for ${expiresInMinutes} minutes.</p>
<p id="enrolment-next" hidden><a class="button" href="/cas/account">Go to My Account</a></p>
<p id="enrolment-retry" hidden><a class="button" href="/cas/mobile">Start again</a></p>
<script src="/static/enrolment-wait.js"></script>`,
  });
}

const when = (ms: number | null) =>
  ms === null ? 'never' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export function deviceList(devices: Device[], csrf: string): SafeHtml {
  if (devices.length === 0) {
    return html`<p>No mobile device found.</p><p><a class="button" href="/cas/mobile">Add mobile device</a></p>`;
  }
  return html`<table data-testid="devices"><thead><tr><th scope="col">Name</th><th scope="col">Added</th><th scope="col">Last used</th><th scope="col">Manage</th></tr></thead><tbody>
${devices.map(
  (
    d,
  ) => html`<tr data-device="${d.id}"><td>${d.name}${d.status === 'locked' ? html` <strong>(locked: initialise it again)</strong>` : ''}<br><span class="muted">${d.browser}</span></td><td>${when(d.createdAt)}</td><td>${when(d.lastUsedAt)}</td><td>
<form method="post" action="/cas/devices/${d.id}/rename" class="inline-form">${csrfField(csrf)}<label>New name <input name="name" value="${d.name}" maxlength="50" required></label> <button type="submit" class="secondary">Rename</button></form>
<form method="post" action="/cas/devices/${d.id}/remove" class="inline-form">${csrfField(csrf)}<label>Password <input name="password" type="password" autocomplete="current-password" maxlength="128" required></label> <button type="submit" class="secondary">Remove</button></form>
</td></tr>`,
)}
</tbody></table>
<p><a class="button" href="/cas/mobile">Add mobile device</a></p>`;
}
