/**
 * The extension's one message protocol: every message that crosses between the
 * background, the popup and the content script is declared here, with the schema
 * of its request and of its answer. Nothing else may call runtime.sendMessage.
 *
 * Requests are validated with zod on arrival (a content script runs next to
 * hostile pages, so its messages are input like any other); answers are
 * validated on return so a bug in one context cannot smuggle a wrong shape
 * into another.
 */
import { accountWithSecret, keptAccountWithSecret } from './otp/account-schema';
import { CODE_PATTERN, OTP_KINDS } from './otp/kinds';
import { MAX_OTP_ACCOUNTS, OTP_IDLE_MINUTES } from './otp/limits';
import { BACKUP_ERROR_CODES, FOLDER_KEEP_CHOICES } from './otp/backup-status';
import { isPin, PIN_LENGTH } from './pin';
import * as z from 'zod/mini';
import { deferred } from './deferred';
import { CREDENTIAL_KINDS, credentialJson } from './broker-api';
import { MessageError } from './message-reply';
import { pushRequestView } from './push-api';

/** A message body may not exceed this many bytes of JSON (hostile pages can make content scripts send a lot). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** The one message that carries a whole file: a backup of up to 1 MiB, from the popup only (its handler checks the sender). */
/** An import's accounts: up to 2,000, each at most ~1.1 kB with every field at its longest. */
/** A restore's backup file: up to 2 MiB of text (the reader's own limit). */
const LARGER_LIMITS: Partial<Record<string, number>> = {
  otpImportRead: 2.5 * 1024 * 1024,
  otpRestore: 2.5 * 1024 * 1024,
};

// The schemas shared by several messages are made on first use too (core/deferred.ts), so that a
// start of the background's worker builds none it does not use.
const origin = deferred(() =>
  z
    .string()
    .check(z.maxLength(2048))
    .check(
      z.refine((value) => {
        try {
          return new URL(value).origin === value;
        } catch {
          return false;
        }
      }, 'expected an origin such as https://login.example.eu'),
    ),
);

const tabId = deferred(() => z.int().check(z.nonnegative()));
/** The PIN goes only from the popup to the background, never to a page or a log. */
const pin = deferred(() => z.string().check(z.refine(isPin, `must be ${PIN_LENGTH} digits`)));

export const accountSummary = deferred(() =>
  z.strictObject({
    id: z.string().check(z.maxLength(64)),
    serverOrigin: origin,
    uid: z.string().check(z.maxLength(20)),
    email: z.string().check(z.maxLength(254)),
    deviceName: z.string().check(z.maxLength(50)),
    createdAt: z.int(),
    /** Biometric unlock is on for this account. */
    biometric: z.boolean(),
  }),
);
export type AccountSummary = z.infer<typeof accountSummary>;

/** A push request as the popup shows it: the server's view (without the challenge) and the account it is for. */
const b64url = (max: number) =>
  z
    .string()
    .check(z.regex(/^[A-Za-z0-9_-]+$/))
    .check(z.maxLength(max));

export const pendingPush = deferred(() =>
  z.extend(z.omit(pushRequestView, { challenge: true }), {
    accountId: z.string().check(z.maxLength(64)),
    serverOrigin: origin,
    email: z.string().check(z.maxLength(254)),
    /** Where biometric unlock is on: the credential and PRF input the popup asks the authenticator for. */
    biometric: z.nullable(z.strictObject({ credentialId: b64url(1400), prfSalt: b64url(64) })),
  }),
);
export type PendingPush = z.infer<typeof pendingPush>;

/** A one-time-code account as the popup shows it: never its secret (docs/otp-accounts.md §3). */
export const otpAccountView = deferred(() =>
  z.strictObject({
    id: z.string().check(z.maxLength(64)),
    kind: z.enum(OTP_KINDS),
    issuer: z.string().check(z.maxLength(200)),
    label: z.string().check(z.maxLength(200)),
    site: z.string().check(z.maxLength(253)),
    pinned: z.boolean(),
    /** The group it is kept in ('' for none). */
    group: z.string().check(z.maxLength(200)),
    digits: z.int().check(z.gte(5)).check(z.lte(8)),
    period: z.int().check(z.positive()),
    /** TOTP and Steam: the code now and the next one; HOTP: null until the user asks (otpHotpCode). */
    code: z.nullable(z.string().check(z.regex(CODE_PATTERN))),
    next: z.nullable(z.string().check(z.regex(CODE_PATTERN))),
  }),
);
export type OtpAccountView = z.infer<typeof otpAccountView>;
const otpPassphrase = deferred(() => z.string().check(z.minLength(1)).check(z.maxLength(1024)));
/** An account a reading found (a QR code, a pasted list, a file): what the user is shown before it is kept. */
const otpFound = deferred(() =>
  z.strictObject({
    issuer: z.string().check(z.maxLength(200)),
    label: z.string().check(z.maxLength(200)),
    /** The site its code would be offered on ('' for none): an import shows it before anything is added. */
    site: z.string().check(z.maxLength(253)),
    duplicate: z.boolean(),
  }),
);
/**
 * An account the page read from another app's export (core/otp/import): the page reads the file,
 * so the worker never loads the readers; the background holds each account to the rules again.
 */
const otpImported = accountWithSecret;
export type OtpImported = z.infer<typeof otpImported>;
/** An account as an export takes it: what an import carries, and when it was added. */
const otpExported = keptAccountWithSecret;
export type OtpExported = z.infer<typeof otpExported>;
const targetStatus = deferred(() =>
  z.strictObject({
    lastSuccess: z.nullable(z.int()),
    error: z.nullable(z.strictObject({ code: z.enum(BACKUP_ERROR_CODES), at: z.int() })),
  }),
);
const davPlace = deferred(() => ({
  url: z.string().check(z.maxLength(2048)),
  user: z.string().check(z.maxLength(256)),
  password: z.string().check(z.maxLength(1024)),
}));
/** The automatic backup as its pages show it: never the app password. */
const backupState = deferred(() =>
  z.strictObject({
    folder: z.strictObject({ on: z.boolean(), keep: z.int(), status: z.nullable(targetStatus) }),
    dav: z.nullable(
      z.strictObject({ url: z.string(), user: z.string(), shared: z.boolean(), status: z.nullable(targetStatus) }),
    ),
  }),
);
export type BackupState = z.infer<typeof backupState>;
/** What the popup needs to know first: the sign-in waiting for a PIN, if any, and the server's word on the last code. */
const pendingLoginAnswer = deferred(() =>
  z.strictObject({
    pending: z.nullable(
      z.strictObject({
        origin,
        email: z.string().check(z.maxLength(254)),
        uid: z.string().check(z.maxLength(20)),
        /** Where biometric unlock is on for the account (§8). */
        biometric: z.nullable(z.strictObject({ credentialId: b64url(1400), prfSalt: b64url(64) })),
      }),
    ),
    lastResult: z.nullable(
      z.strictObject({ origin, code: z.string().check(z.maxLength(32)), attemptsLeft: z.nullable(z.int()) }),
    ),
  }),
);
/** The one-time codes as the popup shows them: the vault's state and, unlocked, every account's codes. */
const otpListAnswer = deferred(() =>
  z.strictObject({
    state: z.enum(['none', 'locked', 'unlocked']),
    idleMinutes: z.int().check(z.positive()),
    /** Where biometric unlock is on: the credential and PRF input the popup asks the authenticator for. */
    biometric: z.nullable(z.strictObject({ credentialId: b64url(1400), prfSalt: b64url(64) })),
    accounts: z.array(otpAccountView).check(z.maxLength(MAX_OTP_ACCOUNTS)),
    site: z.string().check(z.maxLength(253)),
    at: z.number(),
  }),
);

const otpAdded = deferred(() =>
  z.strictObject({
    added: z.array(otpAccountView).check(z.maxLength(MAX_OTP_ACCOUNTS)),
    duplicates: z.array(otpFound).check(z.maxLength(MAX_OTP_ACCOUNTS)),
  }),
);

/**
 * Who may send each message (`from`), enforced by the router before any handler runs:
 * - `popup`: the popup, an extension page (opened as the popup or in a tab);
 * - `content`: a content script beside a web page — the server pages' script or the fill script
 *   (the browser tells the tab, not which of our scripts; handlers check the tab's origin);
 * - `background`: the background, to a content script.
 */
export type MessageFrom = 'popup' | 'content' | 'background';

/** What a receiving router can tell of a sender: one of the extension's own contexts, or a script in a web page's tab. */
export type SenderContext = 'extension' | 'content';

/**
 * A message's schemas, built the first time the message is used rather than when the worker
 * starts: zod builds each schema's objects up front, and building every message's on every start
 * was most of the background's start-up (`npm run bench`: background worker start).
 */
function message<const F extends MessageFrom, S extends { request: z.ZodMiniType; response: z.ZodMiniType }>(
  from: F,
  schemas: () => S,
) {
  let built: S | undefined;
  const get = () => (built ??= schemas());
  return {
    from,
    get request(): S['request'] {
      return get().request;
    },
    get response(): S['response'] {
      return get().response;
    },
  };
}

export const protocol = {
  /** Content script → background: "I run on this page". The background answers who it is. */
  ping: message('content', () => ({
    request: z.strictObject({ origin, path: z.string().check(z.maxLength(2048)) }),
    response: z.strictObject({ extensionVersion: z.string(), receivedAt: z.int() }),
  })),
  /** Popup → background: what the popup shows on opening. */
  getStatus: message('popup', () => ({
    request: z.strictObject({}),
    response: z.strictObject({
      extensionVersion: z.string(),
      /** The last Sidekey server page whose content script reported in, if any. */
      lastServerPage: z.nullable(z.strictObject({ origin, at: z.int(), tabId: z.int() })),
    }),
  })),
  /** Background → content script: find and decode the QR code on this page. */
  readQr: message('background', () => ({
    /** `all`: every code the page's elements hold, not only the first (adding one-time-code accounts). */
    request: z.strictObject({ all: z.boolean() }),
    response: z.strictObject({
      origin,
      payload: z.nullable(z.string().check(z.maxLength(4096))),
      others: z.array(z.string().check(z.maxLength(4096))).check(z.maxLength(9)),
      /** Where candidates sit that only a capture can read (CSS px of the viewport): pixels kept from us, or an svg styled by the page. */
      unreadable: z
        .array(z.strictObject({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }))
        .check(z.maxLength(20)),
      viewportWidth: z.number().check(z.positive()),
    }),
  })),
  /** Popup → background: read the enrolment QR in a tab and check it names that tab's origin. */
  readEnrolmentQr: message('popup', () => ({
    request: z.strictObject({ tabId }),
    response: z.strictObject({ origin, payload: z.string().check(z.maxLength(512)) }),
  })),
  /** Popup → background: initialise this browser as a device with the PIN typed in the popup. */
  enrol: message('popup', () => ({
    request: z.strictObject({ tabId, payload: z.string().check(z.maxLength(512)), pin }),
    response: z.strictObject({ account: accountSummary }),
  })),
  /** Content script → background: a login QR appeared on this page. */
  loginQrSeen: message('content', () => ({
    request: z.strictObject({ payload: z.string().check(z.maxLength(512)) }),
    response: z.strictObject({ accepted: z.boolean() }),
  })),
  /**
   * Popup → background: read the tab's QR code now (the content script, then a capture) for a
   * sign-in the page's watcher did not report (a canvas drawn later, a cross-origin image).
   */
  readLoginQr: message('popup', () => ({
    request: z.strictObject({ tabId }),
    response: z.strictObject({ accepted: z.boolean() }),
  })),
  /** Content script → background: the server's answer to a code, as the page shows it. */
  loginResult: message('content', () => ({
    request: z.strictObject({
      code: z.string().check(z.maxLength(32)),
      attemptsLeft: z.nullable(z.int().check(z.nonnegative())),
    }),
    response: z.strictObject({}),
  })),
  /** Popup → background: the sign-in waiting for the PIN, if any, and the last answer of a server. */
  getPendingLogin: message('popup', () => ({ request: z.strictObject({}), response: pendingLoginAnswer })),
  /**
   * Popup → background, its first question: `getPendingLogin`'s answer and, when no sign-in waits,
   * `otpList`'s for the tab (`tabId`, or null: the active tab of the current window), in one round
   * trip — the codes are never worked out ahead of a PIN prompt.
   */
  popupStart: message('popup', () => ({
    request: z.strictObject({ tabId: z.nullable(tabId) }),
    response: z.strictObject({
      login: pendingLoginAnswer,
      codes: z.nullable(z.strictObject({ tabId: z.nullable(tabId), list: otpListAnswer })),
    }),
  })),
  /** Popup → background: compute the one-time password with the PIN (or the biometric unlock) and fill it in. */
  answerLogin: message('popup', () => ({
    request: z.strictObject({ pin: z.nullable(pin), prf: z.nullable(b64url(64)) }).check(
      z.refine((a) => (a.pin === null) !== (a.prf === null), {
        message: 'the PIN or the biometric unlock, one of them',
      }),
    ),
    response: z.strictObject({
      code: z.string().check(z.regex(/^[0-9]{4,10}$/)),
      filled: z.boolean(),
      submitted: z.boolean(),
      problem: z.nullable(z.string().check(z.maxLength(300))),
    }),
  })),
  /** Popup → background: the user cancelled the PIN prompt; the sign-in no longer waits here. */
  cancelLogin: message('popup', () => ({
    request: z.strictObject({}),
    response: z.strictObject({}),
  })),
  /** Background → content script: type this code into the page's code field, if the page still shows that sign-in. */
  fillCode: message('background', () => ({
    request: z.strictObject({
      code: z.string().check(z.regex(/^[0-9]{4,10}$/)),
      tx: z.string().check(z.maxLength(64)),
      /** The origin the code is for: the page must still be there. */
      origin,
      submit: z.boolean(),
    }),
    response: z.strictObject({
      filled: z.boolean(),
      submitted: z.boolean(),
      problem: z.nullable(z.string().check(z.maxLength(300))),
    }),
  })),
  /** Popup → background: the enrolled accounts. */
  listAccounts: message('popup', () => ({
    request: z.strictObject({}),
    response: z.strictObject({ accounts: z.array(accountSummary).check(z.maxLength(100)) }),
  })),
  /** Popup → background: forget an account here, and tell its server when reachable. */
  removeAccount: message('popup', () => ({
    request: z.strictObject({ id: z.string().check(z.maxLength(64)) }),
    response: z.strictObject({ serverNotified: z.boolean() }),
  })),
  /** Popup → background: the push requests waiting for an answer; `check` asks every server first ("check for requests"). */
  getPushRequests: message('popup', () => ({
    request: z.strictObject({ check: z.boolean() }),
    response: z.strictObject({
      requests: z.array(pendingPush).check(z.maxLength(100)),
      problems: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(20)),
    }),
  })),
  /** Popup → background: answer a push request; an approval carries the chosen number and the PIN. */
  answerPush: message('popup', () => ({
    request: z
      .strictObject({
        id: z.string().check(z.maxLength(64)),
        decision: z.enum(['approve', 'deny', 'report']),
        number: z.nullable(z.int().check(z.gte(10)).check(z.lte(99))),
        pin: z.nullable(pin),
        /** Instead of the PIN: the WebAuthn PRF output of the account's biometric credential (32 bytes, base64url). */
        prf: z.nullable(b64url(64)),
      })
      .check(
        z.refine(
          (a) =>
            a.decision === 'approve'
              ? a.number !== null && (a.pin === null) !== (a.prf === null)
              : a.number === null && a.pin === null && a.prf === null,
          { message: 'an approval needs the number and the PIN or the biometric unlock; a refusal none of them' },
        ),
      ),
    response: z.strictObject({
      status: z.enum(['approved', 'denied', 'reported']),
      /** The PIN was right (the server approved) and biometric unlock is off: it may be turned on now. */
      offerBiometric: z.boolean(),
    }),
  })),
  /** Popup → background: turn biometric unlock on, right after a PIN the server accepted (§8). */
  enableBiometric: message('popup', () => ({
    request: z.strictObject({
      accountId: z.string().check(z.maxLength(64)),
      credentialId: b64url(1400),
      prfSalt: b64url(64),
      prf: b64url(64),
    }),
    response: z.strictObject({}),
  })),
  /** Popup → background: turn biometric unlock off. */
  disableBiometric: message('popup', () => ({
    request: z.strictObject({ accountId: z.string().check(z.maxLength(64)) }),
    response: z.strictObject({}),
  })),
  /** Popup → background: creation options from the account's server, asked with the device key (§8). */
  brokerOptions: message('popup', () => ({
    request: z.strictObject({
      accountId: z.string().check(z.maxLength(64)),
      kind: z.enum(CREDENTIAL_KINDS),
      name: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(50)),
    }),
    response: z.strictObject({ tx: z.string().check(z.maxLength(64)), options: z.record(z.string(), z.unknown()) }),
  })),
  /** Popup → background: the credential the browser created, for the server to verify and record. */
  brokerFinish: message('popup', () => ({
    request: z.strictObject({
      accountId: z.string().check(z.maxLength(64)),
      tx: z.string().check(z.maxLength(64)),
      credential: credentialJson,
    }),
    response: z.strictObject({ name: z.string().check(z.maxLength(50)) }),
  })),
  /** Content script → background: this page of an enrolled server waits for a push answer: check now. */
  pushPageSeen: message('content', () => ({
    request: z.strictObject({}),
    response: z.strictObject({ requests: z.int().check(z.nonnegative()) }),
  })),
  /** Popup → background: the first passphrase of the vault (≥ 10 characters); unlocks it. */
  otpSetUp: message('popup', () => ({
    request: z.strictObject({ passphrase: otpPassphrase }),
    response: z.strictObject({}),
  })),
  /** Popup → background: unlock with the passphrase (one Argon2id: a wrong one costs as much as a right one). */
  otpUnlock: message('popup', () => ({
    request: z.strictObject({ passphrase: otpPassphrase }),
    response: z.strictObject({}),
  })),
  /** Popup → background: wrap the vault key by this platform credential's PRF output too (unlocked only). */
  otpBiometricOn: message('popup', () => ({
    request: z.strictObject({ credentialId: b64url(1400), prfSalt: b64url(64), prfOutput: b64url(64) }),
    response: z.strictObject({}),
  })),
  /** Popup → background: forget the biometric wrap; the passphrase alone opens the codes. */
  otpBiometricOff: message('popup', () => ({ request: z.strictObject({}), response: z.strictObject({}) })),
  /** Popup → background: unlock with the PRF output of the credential otpList named (32 bytes, base64url). */
  otpBiometricUnlock: message('popup', () => ({
    request: z.strictObject({ prfOutput: b64url(64) }),
    response: z.strictObject({}),
  })),
  /** Popup → background: lock now. */
  otpLock: message('popup', () => ({ request: z.strictObject({}), response: z.strictObject({}) })),
  /** Popup → background: lock after this many idle minutes. */
  otpSetIdle: message('popup', () => ({
    request: z.strictObject({ minutes: z.literal(OTP_IDLE_MINUTES) }),
    response: z.strictObject({}),
  })),
  /**
   * Popup → background: the vault's state (none yet, locked, unlocked), the auto-lock time, and
   * while unlocked every account with its codes, the tab's site first (`tabId`: the tab the popup
   * acts on). One question, asked as soon as the popup knows no sign-in waits.
   */
  otpList: message('popup', () => ({ request: z.strictObject({ tabId: z.nullable(tabId) }), response: otpListAnswer })),
  /** Popup → background: an HOTP account's next code; its counter moves on (RFC 4226 §7.2). */
  otpHotpCode: message('popup', () => ({
    request: z.strictObject({ id: z.string().check(z.maxLength(64)) }),
    response: z.strictObject({ code: z.string().check(z.regex(/^[0-9]{6,8}$/)) }),
  })),
  /**
   * Popup → background: read the setup QR in the tab (element, then capture) and add what it
   * holds, bound to the tab's site. A page showing several setup codes is answered with `choices`
   * (nothing added); the popup asks again with the one the user picked.
   */
  otpAddFromTab: message('popup', () => ({
    request: z.strictObject({
      tabId,
      choice: z.nullable(z.int().check(z.gte(0)).check(z.lte(9))),
      /** The site the user confirmed for a code read from the capture ('' for none); null before asking. */
      site: z.nullable(z.string().check(z.maxLength(253))),
    }),
    response: z.extend(otpAdded, {
      choices: z
        .array(
          z.strictObject({
            issuer: z.string().check(z.maxLength(200)),
            label: z.string().check(z.maxLength(200)),
            count: z.int(),
          }),
        )
        .check(z.maxLength(10)),
      /**
       * The code was read from the capture, which shows cross-origin frames too: nothing is added
       * until the user confirms the site it is for (`suggested`: the tab's).
       */
      confirmSite: z.nullable(
        z.strictObject({
          suggested: z.string().check(z.maxLength(253)),
          accounts: z
            .array(
              z.strictObject({ issuer: z.string().check(z.maxLength(200)), label: z.string().check(z.maxLength(200)) }),
            )
            .check(z.maxLength(100)),
        }),
      ),
    }),
  })),
  /**
   * Popup → background: add from text (an `otpauth://` URI, a list of them one a line, or an
   * `otpauth-migration://` transfer code, as pasted or read from an image file), bound to the site
   * of the tab the popup acts on.
   */
  otpAddText: message('popup', () => ({
    request: z.strictObject({ text: z.string().check(z.maxLength(16384)), tabId: z.nullable(tabId) }),
    response: otpAdded,
  })),
  /** Popup → background: add an account typed by hand (base32 secret, spaces allowed). */
  otpAddManual: message('popup', () => ({
    request: z.strictObject({
      issuer: z.string().check(z.maxLength(200)),
      label: z.string().check(z.maxLength(200)),
      secret: z.string().check(z.maxLength(400)),
      kind: z.enum(OTP_KINDS),
      tabId: z.nullable(tabId),
    }),
    response: otpAdded,
  })),
  /** Popup → background: rename, pin or unpin, or move an account to another site. */
  otpUpdate: message('popup', () => ({
    request: z.strictObject({
      id: z.string().check(z.maxLength(64)),
      issuer: z.optional(z.string().check(z.maxLength(200))),
      label: z.optional(z.string().check(z.maxLength(200))),
      pinned: z.optional(z.boolean()),
      site: z.optional(z.string().check(z.maxLength(253))),
      group: z.optional(z.string().check(z.maxLength(200))),
    }),
    response: z.strictObject({}),
  })),
  /** Popup → background: delete an account (after the popup's confirmation). */
  otpRemove: message('popup', () => ({
    request: z.strictObject({ id: z.string().check(z.maxLength(64)) }),
    response: z.strictObject({}),
  })),
  /**
   * Page → background: every account with its secret, in the list's order, for an export the page
   * writes (docs/otp-accounts.md §5) — only with the vault's passphrase typed again.
   */
  otpExportAccounts: message('popup', () => ({
    request: z.strictObject({ passphrase: otpPassphrase }),
    response: z.strictObject({ accounts: z.array(otpExported).check(z.maxLength(MAX_OTP_ACCOUNTS)) }),
  })),
  /**
   * Page → background: the accounts the page read from a file (any app's export, read in the
   * page), held for one otpImportCommit and answered with duplicates marked; nothing is added yet.
   */
  otpImportRead: message('popup', () => ({
    request: z.strictObject({ accounts: z.array(otpImported).check(z.maxLength(MAX_OTP_ACCOUNTS)) }),
    response: z.strictObject({
      importId: z.string().check(z.maxLength(64)),
      found: z.array(otpFound).check(z.maxLength(MAX_OTP_ACCOUNTS)),
    }),
  })),
  /** Popup → background: the automatic backup's targets and how each last did (docs/otp-accounts.md §6). */
  otpBackupState: message('popup', () => ({ request: z.strictObject({}), response: backupState })),
  /** Popup → background: the downloads folder target on or off, and how many files it keeps. */
  otpBackupFolder: message('popup', () => ({
    request: z.strictObject({ on: z.boolean(), keep: z.union(FOLDER_KEEP_CHOICES.map((n) => z.literal(n))) }),
    response: backupState,
  })),
  /**
   * Page → background: the user's WebDAV folder, checked before it is kept (its host permission
   * granted first, by the page). A file there under another passphrase: `needsPassphrase` until
   * that passphrase is given.
   */
  otpBackupDavSet: message('popup', () => ({
    request: z.strictObject({ ...davPlace, passphrase: z.optional(otpPassphrase) }),
    response: z.strictObject({ needsPassphrase: z.boolean(), state: backupState }),
  })),
  otpBackupDavOff: message('popup', () => ({ request: z.strictObject({}), response: backupState })),
  /** Popup → background: back up now (what the alarms do anyway), answered when it is done. */
  otpBackupNow: message('popup', () => ({ request: z.strictObject({}), response: backupState })),
  /**
   * Page → background: a fresh install restored from a backup file (its text) or the WebDAV
   * folder, with the backup's passphrase, which becomes the codes' passphrase.
   */
  otpRestore: message('popup', () => ({
    request: z.strictObject({
      from: z.union([
        z.strictObject({ file: z.string().check(z.maxLength(2 * 1024 * 1024)) }),
        z.strictObject(davPlace),
      ]),
      passphrase: otpPassphrase,
    }),
    response: z.strictObject({ restored: z.int().check(z.nonnegative()) }),
  })),
  /** Popup → background: add what otpImportRead found; duplicates only when asked. */
  otpImportCommit: message('popup', () => ({
    request: z.strictObject({ importId: z.string().check(z.maxLength(64)), withDuplicates: z.boolean() }),
    response: otpAdded,
  })),
  /** Fill script → background: the accounts of this page's site (none unless the page may receive codes). */
  otpOffer: message('content', () => ({
    request: z.strictObject({}),
    response: z.strictObject({
      locked: z.boolean(),
      accounts: z
        .array(
          z.strictObject({
            id: z.string().check(z.maxLength(64)),
            issuer: z.string().check(z.maxLength(200)),
            label: z.string().check(z.maxLength(200)),
          }),
        )
        .check(z.maxLength(100)),
    }),
  })),
  /** Fill script → background: the code of one of this site's accounts, for a field the user chose. */
  otpCodeForPage: message('content', () => ({
    request: z.strictObject({ id: z.string().check(z.maxLength(64)) }),
    response: z.strictObject({ code: z.string().check(z.regex(CODE_PATTERN)) }),
  })),
  /** Background → fill script: fill this code into the focused code field (keyboard shortcut, context menu). */
  otpFill: message('background', () => ({
    request: z.strictObject({ code: z.string().check(z.regex(CODE_PATTERN)) }),
    response: z.strictObject({ filled: z.boolean() }),
  })),
} as const satisfies Record<string, { from: MessageFrom; request: z.ZodMiniType; response: z.ZodMiniType }>;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = z.infer<Protocol[T]['request']>;
export type ResponseOf<T extends MessageType> = z.infer<Protocol[T]['response']>;

/** What travels on the wire: a typed envelope, so foreign messages are recognisable. */
export const envelope = deferred(() =>
  z.strictObject({
    sidekey: z.literal(1),
    type: z.string().check(z.maxLength(64)),
    body: z.unknown(),
  }),
);

/** Every answer is either a result or a generic, user-presentable error. */
export { MessageError, type Reply } from './message-reply';

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(protocol, type);
}

/** Whether `type` is accepted from a sender in `context` (the popup and the background are both extension contexts). */
export function mayBeSentFrom(type: MessageType, context: SenderContext): boolean {
  return (protocol[type].from === 'content') === (context === 'content');
}

/**
 * Parses an incoming envelope. Throws MessageError with a message naming what
 * was expected and what arrived; never echoes the body (it may hold a secret).
 * `beforeBody` runs once the type is known and before the body is read (the sender check).
 */
export function parseRequest(
  raw: unknown,
  beforeBody: (type: MessageType) => void = () => undefined,
): { type: MessageType; body: unknown } {
  const size = jsonSize(raw);
  const claimed = (raw as { type?: unknown } | null)?.type;
  const limit = (typeof claimed === 'string' && LARGER_LIMITS[claimed]) || MAX_MESSAGE_BYTES;
  if (size > limit) {
    throw new MessageError(`Message too large: ${size} bytes, at most ${limit}`);
  }
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) throw new MessageError('Not a Sidekey message');
  const { type, body } = parsed.data;
  if (!isMessageType(type)) throw new MessageError(`Unknown message type "${type}"`);
  beforeBody(type);
  const checked = protocol[type].request.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new MessageError(
      `Invalid "${type}" request: ${issue?.path.join('.') || '(body)'} ${issue?.message ?? ''}`.trim(),
    );
  }
  return { type, body: checked.data };
}

function jsonSize(value: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
  } catch {
    // Cycles or BigInts cannot be structured-cloned as JSON either; treat as oversized.
    return Number.POSITIVE_INFINITY;
  }
}
