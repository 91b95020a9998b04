/** "Create an account", with the guide's fields and labels. */
import { EU_LANGUAGES } from '../../../core/languages';
import type { CaptchaChallenge } from '../../domain/captcha';
import { tr } from '../../i18n/catalogue';
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
    title: tr('helpLink'),
    body: html`<h1>${tr('helpLink')}</h1>
<ol>
<li>${tr('help1')}</li>
<li>${tr('help2')}</li>
<li>${tr('help3')}</li>
<li>${tr('help4')}</li>
</ol>
<p><a href="/cas/register">${tr('backToRegister')}</a></p>`,
  });
}

export function privacyPage(): string {
  return page({
    title: tr('privacyTitle'),
    body: html`<h1>${tr('privacyTitle')}</h1>
<p>${tr('privacy1')}</p>
<p>${tr('privacy2')}</p>
<p><a href="/cas/register">${tr('backToRegister')}</a></p>`,
  });
}
