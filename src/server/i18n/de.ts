/** The server's words in German (every English key; tests/unit/server/page-languages.test.ts compares placeholders). */
import type { PageCatalogue } from './en';

export const de: PageCatalogue = {
  brand: 'EU Login',
  referenceServer: 'Sidekey-Referenzserver',
  navAccount: 'Konto',
  myAccount: 'Mein Konto',
  signOut: 'Abmelden',
  signInTitle: 'Anmelden',
  signInToContinue: 'Melden Sie sich an, um fortzufahren',
  toService: 'bei {service}',
  unknownServiceTitle: 'Unbekannter Dienst',
  unknownServiceText:
    'Die Anwendung, die Sie hierher geschickt hat, ist bei diesem Anmeldedienst nicht registriert; Sie können sich daher nicht bei ihr anmelden.',
  // OpenID Connect (docs/oidc.md)
  oidcEndedTitle: 'Diese Anmeldung ist beendet',
  oidcEndedText:
    'Sie ist abgelaufen oder wurde schon verwendet. Kehren Sie zur Anwendung zurück und melden Sie sich dort erneut an.',
  oidcConsentTitle: 'Zugriff erlauben',
  oidcConsentText: '{client} möchte Sie anmelden und Folgendes erfahren:',
  oidcScopeOpenid: 'Ihre eindeutige Kennung',
  oidcScopeEmail: 'Ihre E-Mail-Adresse',
  oidcScopeProfile: 'Ihren Namen und Ihre Sprache',
  oidcScopeOfflineAccess: 'angemeldet zu bleiben, während Sie weg sind (sie kann ihren Zugriff erneuern)',
  oidcSignOutTitle: 'Abmelden',
  oidcSignOutText: '{client} möchte Sie abmelden. Auch von EU Login abmelden?',
  oidcSignOutButton: 'Von EU Login abmelden',
  oidcErrorTitle: 'Diese Anmeldeanfrage kann nicht verwendet werden',
  oidcErrorText:
    'Die Anwendung hat eine Anfrage gesendet, die dieser Anmeldedienst nicht annimmt. Teilen Sie dies ihren Administratoren mit:',
  oidcAllow: 'Erlauben',
  oidcDeny: 'Abbrechen',
  unknownServiceSignIn: 'Stattdessen bei EU Login anmelden',
  identifierLabel: 'Geben Sie Ihre E-Mail-Adresse oder Ihre eindeutige Kennung ein',
  next: 'Weiter >',
  signInWithPasskey: 'Mit einem Passkey anmelden',
  createAccount: 'Konto erstellen',
  welcomeBack: 'Willkommen zurück',
  external: '(Extern)',
  differentEmail: 'Mit einer anderen E-Mail-Adresse anmelden?',
  strongerRequired:
    'Dieser Dienst verlangt eine stärkere Überprüfungsmethode als die, die Sie verwenden können. Fügen Sie unter Mein Konto ein Mobilgerät oder einen Sicherheitsschlüssel hinzu und melden Sie sich erneut an.',
  stepUpNeeded:
    'Dieser Dienst verlangt eine stärkere Überprüfung als die Ihrer Anmeldung. Bestätigen Sie sie mit einer zweiten Methode; Ihr Passwort wird nicht erneut abgefragt.',
  chooseMethod: 'Wählen Sie Ihre Überprüfungsmethode',
  password: 'Passwort',
  signInButton: 'Anmelden',
  methodPinLabel: 'PIN-Code der EU Login Mobile App',
  methodPinDescription: 'Verwenden Sie Ihre registrierte EU Login Mobile App, um Ihre Identität zu bestätigen.',
  methodQrLabel: 'QR-Code der EU Login Mobile App',
  methodQrDescription: 'Erzeugen Sie ein Einmalpasswort mit der EU Login Mobile App.',
  methodWebauthnLabel: 'Sicherheitsschlüssel oder vertrauenswürdige Plattform',
  methodWebauthnDescription:
    'Verwenden Sie einen Sicherheitsschlüssel oder eine vertrauenswürdige Plattform, um sich bei EU Login zu authentifizieren.',
  methodPasswordLabel: 'Passwort',
  methodPasswordDescription: 'Nur Ihr Passwort, für Dienste, die es akzeptieren.',
  sessionExpired: 'Ihre Sitzung ist abgelaufen. Bitte versuchen Sie es erneut.',
  identifierMissing: 'Bitte geben Sie Ihre E-Mail-Adresse oder Ihre eindeutige Kennung ein.',
  chooseMethodError: 'Bitte wählen Sie eine Überprüfungsmethode.',
  wrongCredentials: 'Die E-Mail-Adresse, die eindeutige Kennung oder das Passwort ist falsch.',
  signedInTitle: 'Angemeldet',
  youAreSignedIn: 'Sie sind angemeldet',
  noDeviceNotice: 'Kein Mobilgerät gefunden. Um ein Mobilgerät zu registrieren, gehen Sie zu {link}.',
  continue: 'Weiter',
  signInStopped: 'Anmeldung gestoppt',
  signInAgain: 'Erneut anmelden',
  anotherMethod: 'Mit einer anderen Methode anmelden',
  noDevice: 'Kein Mobilgerät gefunden. Um ein Mobilgerät zu registrieren, gehen Sie zu Mein Konto.',
  deviceLockedMessage:
    'Ihr Mobilgerät ist nach zu vielen falschen PIN-Codes gesperrt. Initialisieren Sie es unter Mein Konto erneut (entfernen und wieder hinzufügen).',
  expired: 'Diese Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
  tooManyCodes: 'Zu viele falsche Codes: Diese Anmeldung wurde beendet. Bitte melden Sie sich erneut an.',
  qrTitle: 'Authentifizierung per QR-Code',
  qrIntro: 'Bitte scannen Sie den QR-Code mit Ihrer EU Login Mobile App und geben Sie unten den erzeugten Code ein.',
  qrAlt: 'QR-Code zur Anmeldung mit Ihrer Mobile App',
  qrCodeLabel: 'Von Ihrer App erzeugter Code',
  qrMissing: 'Bitte geben Sie den von Ihrer App erzeugten Code ein.',
  qrWrong:
    'Der Code ist nicht korrekt. Prüfen Sie den Code (ein falscher PIN-Code ergibt auch einen falschen Code) und versuchen Sie es erneut ({left} Versuche übrig).',
  qrWrongOne:
    'Der Code ist nicht korrekt. Prüfen Sie den Code (ein falscher PIN-Code ergibt auch einen falschen Code) und versuchen Sie es erneut (1 Versuch übrig).',
  chooseDevice: 'Wählen Sie Ihr Gerät',
  severalDevices: 'Sie haben mehr als ein Gerät mit einer initialisierten EU Login Mobile App.',
  selectDevice: 'Wählen Sie das Gerät, das Sie verwenden möchten',
  sendNotification: 'Benachrichtigung senden',
  checkDevice: 'Prüfen Sie Ihr Gerät',
  notificationSent:
    'Eine Benachrichtigung wurde an {device} gesendet. Öffnen Sie sie, wählen Sie diese Zahl und geben Sie Ihren PIN-Code ein, um {what}:',
  toSignIn: 'sich anzumelden',
  toApproveDevice: 'das Hinzufügen eines Mobilgeräts zu genehmigen',
  toApproveAuthenticator:
    'das Hinzufügen eines Sicherheitsschlüssels oder einer vertrauenswürdigen Plattform zu genehmigen',
  numberToChoose: 'Zu wählende Zahl: {number}',
  waitingForDevice: 'Warten auf Ihr Gerät … Die Anfrage ist 2 Minuten gültig.',
  cancel: 'Abbrechen',
  pushDenied: 'Die Anmeldung wurde auf Ihrem Gerät abgelehnt.',
  pushReported:
    'Sie haben gemeldet, dass diese Anmeldung nicht von Ihnen stammt. Sie wurde gestoppt, und wir haben Ihnen eine E-Mail geschickt. Bitte ändern Sie Ihr Passwort.',
  pushWrongNumber:
    'Die auf Ihrem Gerät gewählte Zahl stimmte nicht mit der auf dieser Seite überein. Diese Anmeldung wurde beendet.',
  pushFailed: 'Zu viele falsche PIN-Codes: Diese Anmeldung wurde beendet. Bitte melden Sie sich erneut an.',
  webauthnTitle: 'Sicherheitsschlüssel oder vertrauenswürdige Plattform',
  webauthnPasskeyIntro:
    'Wählen Sie Ihren Passkey, wenn Ihr Browser danach fragt, und bestätigen Sie mit Fingerabdruck, Gesicht oder PIN.',
  webauthnIntro:
    'Verwenden Sie Ihren Sicherheitsschlüssel oder die vertrauenswürdige Plattform dieses Computers, wenn Ihr Browser danach fragt.',
  webauthnStatus: 'Folgen Sie den Anweisungen Ihres Browsers.',
  tryAgain: 'Erneut versuchen',
  noSecurityKey:
    'Kein Sicherheitsschlüssel und keine vertrauenswürdige Plattform gefunden. Um eine(n) zu registrieren, gehen Sie zu Mein Konto (Sicherheitsschlüssel und vertrauenswürdige Plattformen).',
  webauthnRefused:
    'Dieser Sicherheitsschlüssel oder diese vertrauenswürdige Plattform kann Sie nicht anmelden. Bitte melden Sie sich erneut an.',
  webauthnUnreadable: 'Die Antwort Ihres Authenticators konnte nicht gelesen werden. Bitte melden Sie sich erneut an.',
  accountDetails: 'Meine Kontodaten',
  firstName: 'Vorname',
  lastName: 'Nachname',
  email: 'E-Mail',
  uniqueIdentifier: 'Eindeutige Kennung',
  emailLanguage: 'E-Mail-Sprache',
  myDevices: 'Meine Mobilgeräte',
  myKeys: 'Meine Sicherheitsschlüssel und vertrauenswürdigen Plattformen',
  changePassword: 'Passwort ändern',
  passwordNotChanged: 'Ihr Passwort wurde nicht geändert. Die Gründe stehen unten.',
  currentPassword: 'Aktuelles Passwort',
  newPassword: 'Neues Passwort',
  confirmNewPassword: 'Neues Passwort bestätigen',
  passwordsDiffer: 'Die Passwörter stimmen nicht überein.',
  myActivity: 'Meine Aktivität',
  noActivity: 'Noch keine Aktivität.',
  when: 'Wann',
  what: 'Was',
  from: 'Von',
  never: 'nie',
  noDeviceFound: 'Kein Mobilgerät gefunden.',
  addMobileDevice: 'Mobilgerät hinzufügen',
  name: 'Name',
  added: 'Hinzugefügt',
  lastUsed: 'Zuletzt verwendet',
  manage: 'Verwalten',
  lockedInitialise: '(gesperrt: erneut initialisieren)',
  newName: 'Neuer Name',
  rename: 'Umbenennen',
  remove: 'Entfernen',
  kind: 'Art',
  trustedPlatform: 'Vertrauenswürdige Plattform',
  securityKeyKind: 'Sicherheitsschlüssel',
  unknownModel: 'Unbekanntes Modell',
  attested: 'attestiert',
  selfAttested: 'selbst attestiert',
  noAttestation: 'ohne Attestierung',
  registeredBySidekey: 'von Sidekey registriert',
  noKeyRegistered: 'Kein Sicherheitsschlüssel und keine vertrauenswürdige Plattform registriert.',
  addKey: 'Sicherheitsschlüssel oder vertrauenswürdige Plattform hinzufügen',
  addDeviceTitle: 'Ein Mobilgerät hinzufügen',
  reauthIntro:
    'Falls nötig, authentifizieren Sie sich erneut mit Benutzername und Passwort: Bitte geben Sie Ihr Passwort ein, um fortzufahren.',
  addDeviceIntro: 'Bitte geben Sie einen Namen zur Identifizierung Ihres Mobilgeräts und einen PIN-Code dafür an.',
  deviceName: 'Name Ihres Geräts',
  deviceNameHint: 'Zum Beispiel: Sidekey in Firefox im Büro',
  pinLabel: 'Ihr 4-stelliger PIN-Code',
  pinHint:
    'Sie müssen diesen PIN-Code auf Ihrem Mobilgerät eingeben, um die EU Login Mobile App zu verwenden. Wählen Sie einen PIN-Code, den Sie sich leicht merken, der aber schwer zu erraten ist.',
  pinConfirmLabel: 'Bestätigen Sie Ihren PIN-Code',
  submit: 'Absenden',
  initialiseTitle: 'Initialisieren Sie Ihr Gerät',
  initialiseStep1:
    'Öffnen Sie Sidekey in der Symbolleiste dieses Browsers und wählen Sie „Mit dieser Seite initialisieren“.',
  initialiseStep2: 'Geben Sie den soeben gewählten PIN-Code ein und wählen Sie „Authentifizieren“.',
  initialiseAlt: 'QR-Code zum Initialisieren von Sidekey',
  waitingEnrolment: 'Warten auf Ihr Gerät … Dieser Code ist {minutes} Minuten gültig.',
  goToAccount: 'Zu Mein Konto',
  startAgain: 'Neu beginnen',
  stepUpIntro:
    'Sie haben bereits ein Gerät initialisiert. Um ein weiteres hinzuzufügen, genehmigen Sie die Anfrage auf Ihrem registrierten Gerät.',
  sendRequest: 'Anfrage an mein Gerät senden',
  lostDevice: 'Haben Sie dieses Gerät nicht mehr? Entfernen Sie es unter {link} und fügen Sie dann das neue hinzu.',
  whatToRegister: 'Was möchten Sie registrieren?',
  platformHint:
    'Der eigene Authenticator dieses Computers (TPM, Windows Hello, Touch ID), entsperrt mit Fingerabdruck, Gesicht oder PIN.',
  keyHint: 'Ein Schlüssel, den Sie einstecken oder an den Computer halten (USB, NFC, Bluetooth).',
  keyNameHint: 'Zum Beispiel: Büro-Laptop, Blauer Schlüssel',
  registerComputerTitle: 'Diesen Computer registrieren',
  registerKeyTitle: 'Ihren Sicherheitsschlüssel registrieren',
  registerPlatformIntro:
    'Bestätigen Sie mit Fingerabdruck, Gesicht oder der PIN dieses Computers, wenn Ihr Browser danach fragt.',
  registerKeyIntro: 'Stecken Sie Ihren Sicherheitsschlüssel ein oder berühren Sie ihn, wenn Ihr Browser danach fragt.',
  createAccountTitle: 'Konto erstellen',
  helpLink: 'Hilfe für externe Benutzer',
  correctFields: 'Bitte korrigieren Sie die unten markierten Felder.',
  confirmEmail: 'E-Mail bestätigen',
  enterTheCode: 'Geben Sie den Code ein',
  captchaAlt: 'Bildcode: Buchstaben und Ziffern, die in das Feld einzugeben sind',
  newCode: 'Neuen Code erzeugen',
  privacyBefore: 'Mit diesem Häkchen bestätigen Sie, dass Sie die {link} gelesen und verstanden haben',
  privacyStatement: 'Datenschutzerklärung',
  registeredTitle: 'Vielen Dank für Ihre Registrierung',
  registeredSent:
    'Eine E-Mail wurde an {email} gesendet. Folgen Sie den Anweisungen in der E-Mail und klicken Sie auf den erhaltenen Link, um Ihr Passwort zu erstellen.',
  registeredSpam:
    'Prüfen Sie Ihren Spam-Ordner, wenn Sie die E-Mail nicht innerhalb von 10–15 Minuten sehen. Die E-Mail kann 2 bis 10 Minuten brauchen.',
  backToSignIn: 'Zurück zur Anmeldung',
  formExpired: 'Ihre Sitzung ist abgelaufen. Bitte senden Sie das Formular erneut.',
  firstNameMissing: 'Bitte geben Sie Ihren Vornamen ein.',
  lastNameMissing: 'Bitte geben Sie Ihren Nachnamen ein.',
  emailMissing: 'Bitte geben Sie Ihre E-Mail-Adresse ein.',
  emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@example.eu.',
  emailsDiffer: 'Die E-Mail-Adressen stimmen nicht überein.',
  languageMissing: 'Bitte wählen Sie eine der aufgeführten Sprachen.',
  privacyMissing: 'Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben.',
  captchaWrong: 'Der Code ist nicht korrekt. Bitte geben Sie den im neuen Bild angezeigten Code ein.',
  tooManyRequestsHour: 'Zu viele Anfragen von hier. Bitte versuchen Sie es in einer Stunde erneut.',
  policyIntro:
    'Passwörter dürfen Ihren Benutzernamen nicht enthalten und müssen mindestens 8 Zeichen aus mindestens drei der folgenden vier Zeichengruppen enthalten (Leerzeichen erlaubt):',
  policyUpper: 'Großbuchstaben: A bis Z',
  policyLower: 'Kleinbuchstaben: a bis z',
  policyNumeric: 'Ziffern: 0 bis 9',
  policySpecial: 'Sonderzeichen:',
  policyTooShort: 'Das Passwort muss mindestens {min} Zeichen enthalten.',
  policyTooLong: 'Das Passwort darf höchstens {max} Zeichen enthalten.',
  policyGroups:
    'Das Passwort muss Zeichen aus mindestens drei der vier Gruppen enthalten: Großbuchstaben, Kleinbuchstaben, Ziffern, Sonderzeichen.',
  policyInvalid:
    'Das Passwort darf nur die Buchstaben A bis Z und a bis z, Ziffern, Leerzeichen und die aufgeführten Sonderzeichen enthalten.',
  policyUsername: 'Das Passwort darf Ihren Benutzernamen nicht enthalten.',
  newPasswordTitle: 'Neues Passwort',
  chooseNewPassword: 'Bitte wählen Sie Ihr neues Passwort.',
  passwordNotSet: 'Ihr Passwort konnte nicht festgelegt werden. Die Gründe stehen unten.',
  seeRules: 'Siehe die Regeln unten.',
  examples: 'Beispiele:',
  otherSamples: '[Andere Beispielpasswörter erzeugen]',
  passwordSetTitle: 'Passwort festgelegt',
  passwordSetHeading: 'Ihr Passwort wurde festgelegt',
  passwordSetText:
    'Sie können sich jetzt mit Ihrer E-Mail-Adresse oder eindeutigen Kennung und Ihrem neuen Passwort anmelden.',
  proceed: 'Weiter',
  requestLinkTitle: 'Einen neuen Passwort-Link anfordern',
  linkExpired:
    'Dieser Link ist nicht mehr gültig: Er ist abgelaufen oder wurde bereits verwendet. Geben Sie Ihren Benutzernamen ein, um einen neuen zu erhalten.',
  linkSent:
    'Wenn dieser Benutzername zu einem Konto gehört, ist eine neue E-Mail mit einem Link zum Erstellen Ihres Passworts unterwegs.',
  identifierShort: 'E-Mail-Adresse oder eindeutige Kennung',
  confirmRequest: 'Anfrage bestätigen',
  tooManyRequests: 'Zu viele Anfragen. Bitte versuchen Sie es in einer Stunde erneut.',
  actAccountCreated: 'Konto erstellt',
  actPasswordSet: 'Passwort erstellt',
  actPasswordChanged: 'Passwort geändert',
  actSignIn: 'Angemeldet',
  actSignInFailed: 'Fehlgeschlagene Anmeldung',
  actSignInDenied: 'Anmeldung auf Ihrem Gerät abgelehnt',
  actSignInReported: 'Anmeldung als nicht von Ihnen gemeldet',
  actSignOut: 'Abgemeldet',
  actLinkRequested: 'Neuer Passwort-Link angefordert',
  actDeviceAdded: 'Mobilgerät hinzugefügt',
  actDeviceRenamed: 'Mobilgerät umbenannt',
  actDeviceRemoved: 'Mobilgerät entfernt',
  actDeviceLocked: 'Mobilgerät gesperrt',
  actKeyAdded: 'Sicherheitsschlüssel oder vertrauenswürdige Plattform hinzugefügt',
  actKeyRenamed: 'Sicherheitsschlüssel oder vertrauenswürdige Plattform umbenannt',
  actKeyRemoved: 'Sicherheitsschlüssel oder vertrauenswürdige Plattform entfernt',
  actKeyRefused: 'Sicherheitsschlüssel abgelehnt',
  currentPasswordWrong: 'Das aktuelle Passwort ist falsch.',
  passwordChanged: 'Ihr Passwort wurde geändert.',
  deviceNameMissing: 'Bitte geben Sie Ihrem Gerät einen Namen.',
  nameTooLong: 'Der Name darf höchstens 50 Zeichen haben.',
  pinFormat: 'Der PIN-Code muss genau 4 Ziffern haben.',
  pinsDiffer: 'Die PIN-Codes stimmen nicht überein.',
  notRenamed: 'Nicht umbenannt',
  notRemoved: 'Nicht entfernt',
  notChanged: 'Nicht geändert',
  nameRule: 'Geben Sie einen Namen mit 1 bis 50 Zeichen an.',
  passwordWrongNotRemoved: 'Das Passwort ist falsch; es wurde nichts entfernt.',
  noSuchDevice: 'Ein solches Gerät gibt es in Ihrem Konto nicht.',
  noSuchKey: 'Einen solchen Sicherheitsschlüssel gibt es in Ihrem Konto nicht.',
  passwordWrong: 'Das Passwort ist falsch.',
  tooManyFailures: 'Zu viele fehlgeschlagene Versuche. Bitte warten Sie {amount} und versuchen Sie es erneut.',
  minutes: '{n} Minuten',
  seconds: '{n} Sekunden',
  oneSecond: '1 Sekunde',
  signedOutTitle: 'Abgemeldet',
  signedOutText: 'Sie wurden von EU Login abgemeldet.',
  notSignedOut: 'Nicht abgemeldet',
  deviceNotAdded: 'Gerät nicht hinzugefügt',
  deviceNotApproved: 'Ihr registriertes Gerät hat das Hinzufügen eines Geräts nicht genehmigt.',
  notRegistered: 'Nicht registriert',
  registrationExpired: 'Diese Registrierung ist abgelaufen. Bitte beginnen Sie erneut.',
  authenticatorUnverified:
    'Die Antwort Ihres Authenticators konnte nicht überprüft werden. Bitte versuchen Sie es erneut.',
  attestationRequired:
    'Dieser Server akzeptiert nur Authenticatoren, die Hersteller und Modell nachweisen (Attestierung). Bitte verwenden Sie einen anderen.',
  authenticatorExists: 'Dieser Authenticator ist bereits registriert.',
  pageNotFound: 'Seite nicht gefunden',
  noPageHere: 'Unter dieser Adresse gibt es keine Seite.',
  home: 'Startseite',
  somethingWrong: 'Etwas ist schiefgelaufen',
  requestNotProcessed: 'Die Anfrage konnte nicht verarbeitet werden',
  apiInvalid: 'Die Anfrage war nicht gültig.',
  originRefused:
    'Dieser Server akzeptiert keine Registrierungen von {origin}. Sein Betreiber muss diesen Ursprung in der Einstellung WEBAUTHN_EXTRA_ORIGINS ergänzen.',
  apiWrongEnrolPin: 'Der PIN-Code ist nicht der auf der Seite gewählte.',
  apiCodeExpired: 'Dieser Code ist abgelaufen. Beginnen Sie erneut mit „Mobilgerät hinzufügen“.',
  apiCodeUsed: 'Dieser Code wurde bereits verwendet.',
  apiCodeUnknown: 'Dieser Code ist dem Server nicht bekannt. Beginnen Sie erneut mit „Mobilgerät hinzufügen“.',
  apiCodeLocked:
    'Zu viele falsche PIN-Codes: Dieser Code funktioniert nicht mehr. Beginnen Sie erneut mit „Mobilgerät hinzufügen“.',
  apiThrottled: 'Zu viele Versuche. Bitte warten Sie und versuchen Sie es erneut.',
  apiRequestUnknown: 'Diese Anfrage ist dem Server nicht bekannt.',
  apiRequestExpired: 'Diese Anfrage ist abgelaufen.',
  apiRequestUsed: 'Diese Anfrage wurde bereits beantwortet.',
  apiWrongNumber:
    'Das war nicht die auf der Anmeldeseite angezeigte Zahl, daher wurde die Anfrage abgelehnt. Wenn Sie diese Anmeldung nicht gestartet haben, wählen Sie nächstes Mal „Das war ich nicht“.',
  apiWrongPin: 'Der PIN-Code ist nicht korrekt.',
  apiDeviceLocked:
    'Zu viele falsche PIN-Codes: Dieses Gerät ist gesperrt. Initialisieren Sie es unter Mein Konto erneut (entfernen und wieder hinzufügen).',
  apiDeviceUnknown: 'Dieses Gerät ist dem Server nicht bekannt.',
  apiOneAttemptLeft: '{message} 1 Versuch übrig.',
  apiAttemptsLeft: '{message} {left} Versuche übrig.',
  apiRequestEnded: '{message} Zu viele falsche PIN-Codes: Diese Anfrage wurde beendet.',
  jsEnrolDone: 'Ihr Gerät ist initialisiert. Sie können Sidekey jetzt zur Anmeldung verwenden.',
  jsEnrolExpired: 'Dieser Code ist abgelaufen. Beginnen Sie erneut, um einen neuen zu erhalten.',
  jsEnrolCancelled: 'Es wurden zu viele falsche PIN-Codes eingegeben. Beginnen Sie mit einem neuen Code erneut.',
  jsPushApproved: 'Genehmigt. Sie werden angemeldet …',
  jsPushDenied: 'Die Anfrage wurde auf Ihrem Gerät abgelehnt.',
  jsPushReported: 'Die Anfrage wurde als nicht von Ihnen stammend gemeldet.',
  jsPushWrongNumber: 'Die auf Ihrem Gerät gewählte Zahl stimmte nicht überein.',
  jsPushFailed: 'Zu viele falsche PIN-Codes.',
  jsPushLocked: 'Ihr Gerät ist nach zu vielen falschen PIN-Codes gesperrt.',
  jsPushExpired: 'Die Anfrage ist abgelaufen.',
  jsWebauthnUnsupported:
    'Dieser Browser kann hier keine Sicherheitsschlüssel oder vertrauenswürdigen Plattformen verwenden.',
  jsWebauthnExists: 'Dieser Authenticator ist bereits registriert.',
  jsWebauthnCancelled:
    'Die Anfrage wurde abgebrochen oder ist abgelaufen. Wählen Sie „Erneut versuchen“, um neu zu beginnen.',
  jsWebauthnChecking: 'Wird geprüft …',
  welcomeTitle: 'Willkommen',
  homeIntro:
    'Dies ist der Sidekey-Referenzserver: ein Identitätsanbieter nach Art von EU Login, mit der Sidekey-Erweiterung als zweitem Gerät.',
  homeSignIn: 'Anmelden',
  homeOr: 'oder',
  homeCreate: 'ein Konto erstellen',
  homeEusurvey: 'dasselbe über OpenID Connect, auf der Stufe MEDIUM',
  homeEuropass: 'eine Demo-Anwendung, die ihre Benutzer über EU Login anmeldet',
  help1:
    'Füllen Sie das Formular aus: Vor- und Nachname, zweimal Ihre E-Mail-Adresse, die Sprache der E-Mails und den im Bild gezeigten Code (die Schaltfläche mit zwei Pfeilen zeigt einen neuen). Setzen Sie das Häkchen bei der Datenschutzerklärung und wählen Sie „Konto erstellen“.',
  help2:
    'Sie erhalten innerhalb weniger Minuten eine E-Mail (prüfen Sie Ihren Spam-Ordner). Folgen Sie ihrem Link innerhalb von 24 Stunden, um Ihr Passwort zu erstellen. Ist der Link abgelaufen, folgen Sie ihm trotzdem: Sie können einen neuen anfordern.',
  help3:
    'Wählen Sie ein Passwort mit mindestens 8 Zeichen aus mindestens drei dieser Gruppen: Großbuchstaben, Kleinbuchstaben, Ziffern, Sonderzeichen. Es darf Ihren Benutzernamen nicht enthalten.',
  help4:
    'Melden Sie sich mit Ihrer E-Mail-Adresse oder Ihrer eindeutigen Kennung an und fügen Sie dann unter Mein Konto ein Mobilgerät hinzu.',
  backToRegister: 'Zurück zum Registrierungsformular',
  privacyTitle: 'Datenschutzerklärung',
  privacy1:
    'Dieser Referenzserver speichert, was ein Konto braucht, und nicht mehr: Vor- und Nachname, E-Mail-Adresse und E-Mail-Sprache, einen Hash Ihres Passworts (Argon2id), die von Ihnen registrierten Geräte und Sicherheitsschlüssel (öffentliche Schlüssel und verschlüsselte Geheimnisse) sowie ein Protokoll der Anmeldungen und Änderungen mit Zeit, IP-Adresse und Browser, das Sie unter Mein Konto lesen können.',
  privacy2:
    'Ihre Daten werden nur verwendet, um Sie bei den Diensten anzumelden, die diesen Anmeldedienst nutzen. Sie werden an niemanden weitergegeben. E-Mails werden nur gesendet, um Ihre Adresse zu bestätigen, Ihr Passwort festlegen zu lassen und Sie vor Aktivitäten in Ihrem Konto zu warnen.',
  chooseDeviceError: 'Bitte wählen Sie eines Ihrer Geräte.',
  // Mails (domain/mail-templates.ts), in the user's e-mail language
  mailRegistrationSubject: 'Ihr EU Login-Konto: Passwort erstellen',
  mailRegisteredIntro: 'Sie wurden bei EU Login registriert.',
  mailNewLinkSubject: 'EU Login: Ihr neuer Passwort-Link',
  mailNewLinkIntro: 'Sie haben einen neuen Link zum Festlegen Ihres EU Login-Passworts angefordert.',
  mailPasswordLinkText: `Sehr geehrte Damen und Herren,

{intro}

Ihre E-Mail-Adresse lautet {email}.

Um Ihr Passwort zu erstellen, folgen Sie bitte dem untenstehenden Link:

{link}

Sie haben ab dem Versand dieser Nachricht höchstens 24 Stunden Zeit, um Ihr Passwort zu erstellen; wir empfehlen Ihnen jedoch, dies möglichst sofort zu tun. Danach können Sie über denselben Link eine neue Anfrage stellen: Sie müssen dann Ihren Benutzernamen erneut eingeben und Ihre Anfrage bestätigen.

Falls der obige Link nicht funktioniert, kopieren Sie die Adresse und fügen Sie sie in die Adressleiste Ihres Browsers ein (achten Sie darauf, die vollständige Adresse zu kopieren!).

Bitte antworten Sie nicht auf diese Nachricht. Bei Problemen wenden Sie sich an die Hilfe- oder Kontaktangaben der Website, auf der Sie sich registrieren wollten.

Von EU Login an Sie gesendet`,
  mailExistsSubject: 'Ihr EU Login-Konto besteht bereits',
  mailExistsText: `Sehr geehrte Damen und Herren,

Jemand, vielleicht Sie selbst, hat versucht, mit Ihrer E-Mail-Adresse {email} ein EU Login-Konto zu erstellen. Sie haben bereits ein Konto; es wurde kein neues Konto angelegt.

Zur Anmeldung:
{signInUrl}

Falls Sie Ihr Passwort vergessen haben, können Sie hier einen neuen Link anfordern:
{resetUrl}

Falls Sie das nicht waren, können Sie diese Nachricht ignorieren; Ihr Konto wurde nicht geändert.

Von EU Login an Sie gesendet`,
  mailSuspiciousSubject: 'EU Login: eine nicht von Ihnen angeforderte Anmeldung wurde gestoppt',
  mailSuspiciousText: `Sehr geehrte Damen und Herren,

Sie haben eine Anmeldeanfrage für Ihr EU Login-Konto als nicht von Ihnen stammend gemeldet. Sie wurde abgelehnt.

Dienst: {service}
Browser: {browser} unter {os}
IP-Adresse: {ip}
Zeit: {when}

Der Anfrage ging das richtige Passwort voraus. Bitte ändern Sie Ihr Passwort jetzt unter Mein Konto.

Von EU Login an Sie gesendet`,
};
