/** The 24 official languages of the European Union, as offered for "E-mail language". */
export const EU_LANGUAGES = [
  ['bg', 'български'],
  ['cs', 'čeština'],
  ['da', 'dansk'],
  ['de', 'Deutsch'],
  ['el', 'ελληνικά'],
  ['en', 'English'],
  ['es', 'español'],
  ['et', 'eesti'],
  ['fi', 'suomi'],
  ['fr', 'français'],
  ['ga', 'Gaeilge'],
  ['hr', 'hrvatski'],
  ['hu', 'magyar'],
  ['it', 'italiano'],
  ['lt', 'lietuvių'],
  ['lv', 'latviešu'],
  ['mt', 'Malti'],
  ['nl', 'Nederlands'],
  ['pl', 'polski'],
  ['pt', 'português'],
  ['ro', 'română'],
  ['sk', 'slovenčina'],
  ['sl', 'slovenščina'],
  ['sv', 'svenska'],
] as const;

export type LanguageCode = (typeof EU_LANGUAGES)[number][0];

export function isLanguageCode(value: string): value is LanguageCode {
  return EU_LANGUAGES.some(([code]) => code === value);
}
