/**
 * The mails the server sends, in the user's e-mail language (English, French
 * and German; the other EU languages fall back to English). Their words are in
 * the catalogues with the pages' (i18n/en.ts, fr.ts, de.ts); the registration
 * mail follows the wording of the EU Login user guide.
 */
import { tr } from '../i18n/catalogue';
import { asPageLanguage, inLanguage } from '../i18n/language';
import type { MailContent } from '../platform/mailer';

/** Runs `write` in the user's e-mail language: a mail is written for its reader, not for the request in hand. */
const inMailLanguage = (language: string, write: () => MailContent) =>
  inLanguage(asPageLanguage(language) ?? 'en', write);

export function registrationMail(language: string, email: string, link: string): MailContent {
  return inMailLanguage(language, () => ({
    subject: tr('mailRegistrationSubject'),
    text: tr('mailPasswordLinkText', { intro: tr('mailRegisteredIntro'), email, link }),
  }));
}

/** Sent instead of a registration mail when the address already has an account (no enumeration on the page). */
export function alreadyRegisteredMail(
  language: string,
  email: string,
  signInUrl: string,
  resetUrl: string,
): MailContent {
  return inMailLanguage(language, () => ({
    subject: tr('mailExistsSubject'),
    text: tr('mailExistsText', { email, signInUrl, resetUrl }),
  }));
}

/** A new password link, requested after the first one expired or was lost. */
export function passwordLinkMail(language: string, email: string, link: string): MailContent {
  return inMailLanguage(language, () => ({
    subject: tr('mailNewLinkSubject'),
    text: tr('mailPasswordLinkText', { intro: tr('mailNewLinkIntro'), email, link }),
  }));
}

/** After "This wasn't me" on a push request: what was asked, and what to do now. */
export function suspiciousSignInMail(
  language: string,
  r: { service: string | null; browser: string; os: string; ip: string; at: Date },
): MailContent {
  const when = r.at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return inMailLanguage(language, () => ({
    subject: tr('mailSuspiciousSubject'),
    text: tr('mailSuspiciousText', { service: r.service ?? 'EU Login', browser: r.browser, os: r.os, ip: r.ip, when }),
  }));
}
