/**
 * What can go wrong with the one-time codes, as codes rather than sentences (the model is
 * SimpleWebAuthn's `WebAuthnError.code`): core code has no language, so it names the failure and
 * the values that go with it, and the extension says it in the user's language — every code has a
 * text in each of its catalogues (src/extension/i18n, checked by the type of `t`). Tests assert
 * codes, not English.
 */
export const OTP_ERROR_CODES = [
  // An otpauth:// account (Key Uri Format) or a secret typed in.
  'secretEmpty',
  'secretNotBase32',
  'secretBadLength',
  'secretTooShort',
  'secretTooLong',
  'notWholeNumber',
  'numberOutOfRange',
  'issuerTooLong',
  'nameTooLong',
  'uriTooLong',
  'notOtpauth',
  'notTotpOrHotp',
  'nameMalformed',
  'parameterTwice',
  'noSecret',
  'algorithmUnsupported',
  'hotpNeedsCounter',
  // A Google Authenticator transfer code (otpauth-migration://).
  'transferDamaged',
  'transferNumberTooLarge',
  'transferNotGoogle',
  'transferNameNotText',
  'transferTooLong',
  'notTransferCode',
  'transferNoData',
  'transferNoAccount',
  'transferTooManyAccounts',
  'transferNoSecret',
  'transferMd5',
  'transferUnknownKind',
  // Text of several accounts, and a backup file.
  'noAccountInText',
  'tooManyInImport',
  'backupTooMany',
  'backupTooLarge',
  'notBackup',
  'backupNewer',
  'backupBadKdf',
  'backupWrongPassphrase',
  'backupUnreadable',
  // A file of another authenticator (import/): the file, then each entry.
  'importTooLarge',
  'importUnknownFormat',
  'importNeedsPassword',
  'importWrongPassword',
  'importDamaged',
  'importBadKdf',
  'importEncryptedUnsupported',
  'importNoAccount',
  'entryMalformed',
  'entryKindUnsupported',
  'entryInTrash',
  // The passphrase and the accounts kept under it.
  'kdfUnacceptable',
  'wrongPassphrase',
  'passphraseExists',
  'passphraseTooShort',
  'passphraseFirst',
  'tooManyAccounts',
  'accountGone',
  'locked',
  'biometricOff',
  'biometricFailed',
] as const;

export type OtpErrorCode = (typeof OTP_ERROR_CODES)[number];

export type OtpErrorValues = Record<string, string | number>;

/**
 * A failure the user can act on: its code, the values its text needs, and, for text of several
 * lines, the line it is on. Its message is the code, for logs; never shown as it is.
 */
export class OtpError extends Error {
  override name = 'OtpError';
  constructor(
    readonly code: OtpErrorCode,
    readonly values: OtpErrorValues = {},
    readonly line?: number,
  ) {
    super(line === undefined ? code : `line ${line}: ${code}`);
  }
}

/** Input the user gave (a URI, a secret, a name, a file) that cannot become an account. */
export class OtpInputError extends OtpError {
  override name = 'OtpInputError';
}

/** A wrong passphrase, or sealed data that was changed (AES-GCM cannot tell the two apart). */
export class PassphraseError extends OtpError {
  override name = 'PassphraseError';
}

/** A backup file that cannot be read with this passphrase. */
export class BackupError extends OtpError {
  override name = 'BackupError';
}

/** The codes are locked: unlock them first. */
export class CodesLocked extends OtpError {
  override name = 'CodesLocked';
  constructor() {
    super('locked');
  }
}
