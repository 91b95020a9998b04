/**
 * The pages of a push request (the "EU Login Mobile App PIN Code" method and
 * approvals of a new device): the device choice, and the page that waits for
 * the device and proceeds by itself (push-wait.js; docs/protocol.md §6).
 */
import { isStepUp, type PushPurpose } from '../../../core/push-api';
import type { Device } from '../../store/devices';
import { scriptTexts, tr } from '../../i18n/catalogue';

const PUSH_TEXTS = {
  approved: 'jsPushApproved',
  denied: 'jsPushDenied',
  reported: 'jsPushReported',
  'wrong-number': 'jsPushWrongNumber',
  failed: 'jsPushFailed',
  locked: 'jsPushLocked',
  expired: 'jsPushExpired',
} as const;
import { csrfField, hidden } from './forms';
import { html, page } from './layout';
import type { LoginContext } from '../../domain/cas/login-target';
import { contextFields, loginUrl } from './login';

type SignedIn = { name: string; csrf: string };

/** Where an approved step-up leads: the change it was asked for. */
export const STEP_UP_NEXT = ['/cas/mobile', '/cas/security-keys/new'] as const;
export type StepUpNext = (typeof STEP_UP_NEXT)[number];

function deviceChoice(devices: Device[]) {
  return html`<fieldset><legend>${tr('selectDevice')}</legend>
${devices.map((d, i) => html`<label class="method"><input type="radio" name="device" value="${d.id}"${i === 0 ? html` checked` : ''}> ${d.name}<small>${d.browser}</small></label>`)}
</fieldset>`;
}

/** The guide: "If you have more than one device … you will be prompted to select the one you would like to use". */
export function devicePickerPage(v: { csrf: string; context: LoginContext; tx: string; devices: Device[] }): string {
  return page({
    title: tr('chooseDevice'),
    body: html`<h1>${tr('chooseDevice')}</h1>
<p>${tr('severalDevices')}</p>
<form method="post" action="/cas/login/push/device" novalidate>
${csrfField(v.csrf)}${contextFields(v.context)}${hidden('tx', v.tx)}
${deviceChoice(v.devices)}
<div class="actions"><button type="submit">${tr('sendNotification')}</button></div>
</form>
<p><a href="${loginUrl(v.context)}">${tr('anotherMethod')}</a></p>`,
  });
}

/** "Add a mobile device" when the account has one: the registered device approves first (the guide's step-up). */
export function stepUpPage(
  signedIn: SignedIn,
  devices: Device[],
  error?: string,
  next: StepUpNext = '/cas/mobile',
): string {
  const title = next === '/cas/mobile' ? tr('addDeviceTitle') : tr('addKey');
  const [lostBefore, lostAfter] = tr('lostDevice').split('{link}');
  return page({
    title,
    signedIn,
    body: html`<h1>${title}</h1>
<p>${tr('stepUpIntro')}</p>
${error ? html`<div class="alert error" role="alert">${error}</div>` : ''}
<form method="post" action="/cas/mobile/approval" novalidate>
${csrfField(signedIn.csrf)}${hidden('next', next)}
${deviceChoice(devices)}
<div class="actions"><button type="submit">${tr('sendRequest')}</button></div>
</form>
<p class="muted">${lostBefore}<a href="/cas/account">${tr('myAccount')}</a>${lostAfter}</p>`,
  });
}

export interface PushWaitView {
  csrf: string;
  context: LoginContext;
  tx: string;
  number: number;
  deviceName: string;
  purpose: PushPurpose;
  signedIn?: SignedIn;
  next?: StepUpNext;
}

/**
 * Shows the number to match and waits. `data-sidekey-push` tells the
 * extension's content script to check for requests at once.
 */
export function pushWaitPage(v: PushWaitView): string {
  const what =
    v.purpose === 'add-device'
      ? tr('toApproveDevice')
      : v.purpose === 'add-authenticator'
        ? tr('toApproveAuthenticator')
        : tr('toSignIn');
  const [sentBefore, sentAfter] = tr('notificationSent', { what }).split('{device}');
  return page({
    title: tr('checkDevice'),
    signedIn: v.signedIn,
    body: html`<h1>${tr('checkDevice')}</h1>
<p>${sentBefore}<strong>${v.deviceName}</strong>${sentAfter}</p>
<p class="match-number" aria-label="${tr('numberToChoose', { number: v.number })}" data-sidekey-push-number>${v.number}</p>
<p id="push-status" role="status" aria-live="polite" data-sidekey-push="waiting" data-status-url="/cas/login/push/status?tx=${v.tx}" data-texts="${scriptTexts(PUSH_TEXTS)}">${tr('waitingForDevice')}</p>
<form id="push-continue" method="post" action="/cas/login/push" novalidate>
${csrfField(v.csrf)}${contextFields(v.context)}${hidden('tx', v.tx)}${v.next ? hidden('next', v.next) : ''}
<div class="actions"><button type="submit" class="secondary">${tr('continue')}</button></div>
</form>
<p><a href="${isStepUp(v.purpose) ? '/cas/account' : loginUrl(v.context)}">${isStepUp(v.purpose) ? tr('cancel') : tr('anotherMethod')}</a></p>
<script src="/static/push-wait.js"></script>`,
  });
}
