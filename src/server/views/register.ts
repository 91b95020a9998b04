/** "Create an account", with the guide's fields and labels. */
import { EU_LANGUAGES } from '../../core/languages';
import type { CaptchaChallenge } from '../services/captcha';
import { tr } from '../i18n/catalogue';
import { alert, csrfField, field, hidden } from './forms';
import { html, page } from './layout';

export type RegisterField = 'firstName' | 'lastName' | 'email' | 'emailConfirm' | 'language' | 'captcha' | 'privacy';

export interface RegisterView {
  csrf: string;
  captcha: CaptchaChallenge;
  values: Partial<Record<RegisterField, string>>;
  errors: Partial<Record<RegisterField, string>>;
  message?: string;
}

export function registerPage(v: RegisterView): string {
  const language = v.values.language ?? 'en';
  const [privacyBefore, privacyAfter] = tr('privacyBefore').split('{link}');
  return page({
    title: tr('createAccountTitle'),
    body: html`<h1>${tr('createAccountTitle')}</h1>
<p><a href="/cas/help">${tr('helpLink')}</a></p>
${alert(v.message ?? (Object.keys(v.errors).length ? tr('correctFields') : undefined))}
<form method="post" action="/cas/register" novalidate>
${csrfField(v.csrf)}${hidden('captchaId', v.captcha.id)}
<button type="submit" name="action" value="create" class="default-submit" tabindex="-1" aria-hidden="true">${tr('createAccountTitle')}</button>
${field({ name: 'firstName', label: tr('firstName'), value: v.values.firstName, error: v.errors.firstName, autocomplete: 'given-name', maxlength: 100 })}
${field({ name: 'lastName', label: tr('lastName'), value: v.values.lastName, error: v.errors.lastName, autocomplete: 'family-name', maxlength: 100 })}
${field({ name: 'email', label: tr('email'), type: 'email', value: v.values.email, error: v.errors.email, autocomplete: 'email', maxlength: 254 })}
${field({ name: 'emailConfirm', label: tr('confirmEmail'), type: 'email', value: v.values.emailConfirm, error: v.errors.emailConfirm, autocomplete: 'email', maxlength: 254 })}
<div class="field${v.errors.language ? ' has-error' : ''}">
<label for="f-language">${tr('emailLanguage')}</label>
<select id="f-language" name="language"${v.errors.language ? html` aria-invalid="true" aria-describedby="f-language-error"` : ''}>
${EU_LANGUAGES.map(([code, name]) => html`<option value="${code}"${code === language ? html` selected` : ''}>${name} (${code})</option>`)}
</select>
${v.errors.language ? html`<p class="error" id="f-language-error">${v.errors.language}</p>` : ''}
</div>
<div class="field${v.errors.captcha ? ' has-error' : ''}">
<label for="f-captcha">${tr('enterTheCode')}</label>
<div class="captcha">
<img src="${v.captcha.image}" width="180" height="60" alt="${tr('captchaAlt')}" id="captcha-image"${v.captcha.testAnswer ? html` data-test-answer="${v.captcha.testAnswer}"` : ''}>
<button type="submit" name="action" value="new-code" class="secondary" formnovalidate aria-label="${tr('newCode')}" title="${tr('newCode')}">⇄</button>
</div>
<input id="f-captcha" name="captcha" type="text" autocomplete="off" maxlength="12" required${v.errors.captcha ? html` aria-invalid="true" aria-describedby="f-captcha-error"` : ''}>
${v.errors.captcha ? html`<p class="error" id="f-captcha-error">${v.errors.captcha}</p>` : ''}
</div>
<div class="field checkbox${v.errors.privacy ? ' has-error' : ''}">
<input id="f-privacy" name="privacy" type="checkbox" value="yes"${v.values.privacy === 'yes' ? html` checked` : ''}${v.errors.privacy ? html` aria-invalid="true" aria-describedby="f-privacy-error"` : ''}>
<label for="f-privacy">${privacyBefore}<a href="/cas/privacy">${tr('privacyStatement')}</a>${privacyAfter}</label>
${v.errors.privacy ? html`<p class="error" id="f-privacy-error">${v.errors.privacy}</p>` : ''}
</div>
<div class="actions">
<button type="submit" name="action" value="create">${tr('createAccountTitle')}</button>
<a href="/cas/login" class="button secondary">${tr('cancel')}</a>
</div>
</form>`,
  });
}

export function registeredPage(email: string): string {
  const [sentBefore, sentAfter] = tr('registeredSent').split('{email}');
  return page({
    title: tr('registeredTitle'),
    body: html`<h1>${tr('registeredTitle')}</h1>
<div class="alert info" role="status">
<p>${sentBefore}<strong>${email}</strong>${sentAfter}</p>
</div>
<p>${tr('registeredSpam')}</p>
<p><a href="/cas/login">${tr('backToSignIn')}</a></p>`,
  });
}

export function helpPage(): string {
  return page({
    title: 'Help for external users',
    body: html`<h1>Help for external users</h1>
<ol>
<li>Fill in the form: your first and last name, your e-mail address twice, the language of the e-mail, and the code shown in the picture (the button with two arrows shows a new one). Check the privacy statement box and choose “Create an account”.</li>
<li>You receive an e-mail within a few minutes (check your spam folder). Follow its link within 24 hours to create your password. If the link has expired, follow it anyway: you can ask for a new one.</li>
<li>Choose a password of at least 8 characters from at least three of: upper case, lower case, digits, special characters. It cannot include your username.</li>
<li>Sign in with your e-mail address or your unique identifier, then add a mobile device in My Account.</li>
</ol>
<p><a href="/cas/register">Back to the registration form</a></p>`,
  });
}

export function privacyPage(): string {
  return page({
    title: 'Privacy statement',
    body: html`<h1>Privacy statement</h1>
<p>This reference server keeps what an account needs and nothing more: your first and last name, your e-mail address and e-mail language, a hash of your password (Argon2id), the devices and security keys you register (public keys and encrypted secrets), and an activity log of sign-ins and changes with their time, IP address and browser, which you can read in My Account.</p>
<p>Your data is used only to let you sign in to the services that rely on this login service. It is not shared with anyone else. Mails are sent only to confirm your address, to let you set your password, and to warn you about activity on your account.</p>
<p><a href="/cas/register">Back to the registration form</a></p>`,
  });
}
