/**
 * The one-time codes' failures are codes in core and texts in the extension (core/otp/otp-error.ts,
 * i18n/otp-errors.ts): every code said in every language with the same placeholders, and a failure
 * reaches the popup in the browser's language with its code beside the text.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { OTP_ERROR_CODES, OtpInputError, PassphraseError } from '../../../src/core/otp/otp-error';
import { readAccountsText } from '../../../src/core/otp/read-text';
import { OTP_ERRORS, otpErrorText } from '../../../src/extension/i18n/otp-errors';
import { CATALOGUES } from '../../../src/extension/i18n/t';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('one-time-code failures in every language', () => {
  const languages = Object.keys(CATALOGUES) as (keyof typeof CATALOGUES)[];

  it.each(languages)('%s says every code, with the placeholders English has', (language) => {
    for (const code of [...OTP_ERROR_CODES, 'onLine' as const]) {
      const text = OTP_ERRORS[language][code];
      expect(text.trim(), code).not.toBe('');
      expect(placeholders(text), `${language} ${code}`).toEqual(placeholders(OTP_ERRORS.en[code]));
      if (language !== 'en') expect(text, `${language} ${code} is still English`).not.toBe(OTP_ERRORS.en[code]);
    }
  });

  it('fills the values in, and leaves no placeholder when all are given', () => {
    expect(otpErrorText(new PassphraseError('passphraseTooShort', { min: 10 }), 'fr')).toBe(
      'Choisissez une phrase secrète d’au moins 10 caractères.',
    );
    expect(otpErrorText(new OtpInputError('numberOutOfRange', { name: 'digits', min: 6, max: 8 }), 'de')).toBe(
      'Der Parameter „digits“ muss zwischen 6 und 8 liegen.',
    );
  });

  it('says which line of a list is wrong, in the language asked', () => {
    let error: unknown;
    try {
      readAccountsText('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\notpauth://totp/b?secret=!!!!');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OtpInputError);
    expect(otpErrorText(error as OtpInputError, 'en')).toBe(
      'Line 2: The secret is not base32: use the letters A–Z and the digits 2–7.',
    );
    expect(otpErrorText(error as OtpInputError, 'fr')).toBe(
      'Ligne 2 : Le secret n’est pas en base32 : utilisez les lettres A à Z et les chiffres 2 à 7.',
    );
  });
});
