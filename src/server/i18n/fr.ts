/** The server's words in French (every English key; tests/unit/server/page-languages.test.ts compares placeholders). */
import type { PageCatalogue } from './en';

export const fr: PageCatalogue = {
  brand: 'EU Login',
  referenceServer: 'Serveur de référence Sidekey',
  navAccount: 'Compte',
  myAccount: 'Mon compte',
  signOut: 'Se déconnecter',
  signInTitle: 'Connexion',
  signInToContinue: 'Connectez-vous pour continuer',
  toService: 'vers {service}',
  unknownServiceTitle: 'Service inconnu',
  unknownServiceText:
    'L’application qui vous a envoyé ici n’est pas enregistrée auprès de ce service de connexion ; vous ne pouvez donc pas vous y connecter.',
  // OpenID Connect (docs/oidc.md)
  oidcEndedTitle: 'Cette connexion est terminée',
  oidcEndedText:
    "Elle a expiré ou a déjà servi. Retournez dans l'application et connectez-vous de nouveau depuis celle-ci.",
  oidcConsentTitle: "Autoriser l'accès",
  oidcConsentText: '{client} demande à vous connecter et à connaître :',
  oidcScopeOpenid: 'votre identifiant unique',
  oidcScopeEmail: 'votre adresse e-mail',
  oidcScopeProfile: 'votre nom et votre langue',
  oidcScopeOfflineAccess: 'rester connecté en votre absence (elle peut renouveler son accès)',
  oidcSignOutTitle: 'Se déconnecter',
  oidcSignOutText: '{client} demande à vous déconnecter. Vous déconnecter aussi d’EU Login ?',
  oidcSignOutButton: 'Se déconnecter d’EU Login',
  oidcErrorTitle: 'Cette demande de connexion est inutilisable',
  oidcErrorText:
    "L'application a envoyé une demande que ce service de connexion n'accepte pas. Signalez-le à ses administrateurs :",
  oidcAllow: 'Autoriser',
  oidcDeny: 'Annuler',
  unknownServiceSignIn: 'Se connecter à EU Login à la place',
  identifierLabel: 'Saisissez votre adresse électronique ou votre identifiant unique',
  next: 'Suivant >',
  signInWithPasskey: 'Se connecter avec une clé d’accès',
  createAccount: 'Créer un compte',
  welcomeBack: 'Bon retour',
  external: '(Externe)',
  differentEmail: 'Se connecter avec une autre adresse électronique ?',
  strongerRequired:
    'Ce service exige une méthode de vérification plus forte que celles que vous pouvez utiliser. Ajoutez un appareil mobile ou une clé de sécurité dans Mon compte, puis reconnectez-vous.',
  stepUpNeeded:
    'Ce service demande une vérification plus forte que celle de votre connexion. Confirmez-la par une seconde méthode ; votre mot de passe ne vous est pas redemandé.',
  chooseMethod: 'Choisissez votre méthode de vérification',
  password: 'Mot de passe',
  signInButton: 'Se connecter',
  methodPinLabel: 'Code PIN de l’application mobile EU Login',
  methodPinDescription: 'Utilisez votre application mobile EU Login enregistrée pour vérifier votre identité.',
  methodQrLabel: 'Code QR de l’application mobile EU Login',
  methodQrDescription: 'Générez un mot de passe à usage unique avec l’application mobile EU Login.',
  methodWebauthnLabel: 'Clé de sécurité ou plateforme de confiance',
  methodWebauthnDescription:
    'Utilisez une clé de sécurité ou une plateforme de confiance pour vous authentifier auprès d’EU Login.',
  methodPasswordLabel: 'Mot de passe',
  methodPasswordDescription: 'Votre mot de passe seul, pour les services qui l’acceptent.',
  sessionExpired: 'Votre session a expiré. Veuillez réessayer.',
  identifierMissing: 'Veuillez saisir votre adresse électronique ou votre identifiant unique.',
  chooseMethodError: 'Veuillez choisir une méthode de vérification.',
  wrongCredentials: 'L’adresse électronique, l’identifiant unique ou le mot de passe est incorrect.',
  signedInTitle: 'Connecté',
  youAreSignedIn: 'Vous êtes connecté',
  noDeviceNotice: 'Aucun appareil mobile trouvé. Pour enregistrer un appareil mobile, allez dans {link}.',
  continue: 'Continuer',
  signInStopped: 'Connexion arrêtée',
  signInAgain: 'Se reconnecter',
  anotherMethod: 'Se connecter avec une autre méthode',
  noDevice: 'Aucun appareil mobile trouvé. Pour enregistrer un appareil mobile, allez dans Mon compte.',
  deviceLockedMessage:
    'Votre appareil mobile est verrouillé après trop de codes PIN erronés. Initialisez-le à nouveau depuis Mon compte (retirez-le, puis ajoutez-le à nouveau).',
  expired: 'Cette connexion a expiré. Veuillez vous reconnecter.',
  tooManyCodes: 'Trop de codes erronés : cette connexion est terminée. Veuillez vous reconnecter.',
  qrTitle: 'Authentification par code QR',
  qrIntro: 'Veuillez scanner le code QR avec votre application mobile EU Login et saisir ci-dessous le code généré.',
  qrAlt: 'Code QR pour vous connecter avec votre application mobile',
  qrCodeLabel: 'Code généré par votre application',
  qrMissing: 'Veuillez saisir le code généré par votre application.',
  qrWrong:
    'Le code est incorrect. Vérifiez le code (un code PIN erroné donne aussi un code erroné) et réessayez ({left} tentatives restantes).',
  qrWrongOne:
    'Le code est incorrect. Vérifiez le code (un code PIN erroné donne aussi un code erroné) et réessayez (1 tentative restante).',
  chooseDevice: 'Choisissez votre appareil',
  severalDevices: 'Vous avez plus d’un appareil avec une application mobile EU Login initialisée.',
  selectDevice: 'Sélectionnez l’appareil que vous souhaitez utiliser',
  sendNotification: 'Envoyer la notification',
  checkDevice: 'Vérifiez votre appareil',
  notificationSent:
    'Une notification a été envoyée à {device}. Ouvrez-la, choisissez ce nombre et saisissez votre code PIN pour {what} :',
  toSignIn: 'vous connecter',
  toApproveDevice: 'approuver l’ajout d’un appareil mobile',
  toApproveAuthenticator: 'approuver l’ajout d’une clé de sécurité ou d’une plateforme de confiance',
  numberToChoose: 'Nombre à choisir : {number}',
  waitingForDevice: 'En attente de votre appareil… La demande est valable 2 minutes.',
  cancel: 'Annuler',
  pushDenied: 'La connexion a été refusée sur votre appareil.',
  pushReported:
    'Vous avez signalé que cette connexion ne venait pas de vous. Elle a été arrêtée et nous vous avons envoyé un e-mail. Veuillez changer votre mot de passe.',
  pushWrongNumber:
    'Le nombre choisi sur votre appareil ne correspondait pas à celui de cette page. Cette connexion est terminée.',
  pushFailed: 'Trop de codes PIN erronés : cette connexion est terminée. Veuillez vous reconnecter.',
  webauthnTitle: 'Clé de sécurité ou plateforme de confiance',
  webauthnPasskeyIntro:
    'Choisissez votre clé d’accès quand votre navigateur le demande, et confirmez avec votre empreinte, votre visage ou votre code.',
  webauthnIntro:
    'Utilisez votre clé de sécurité ou la plateforme de confiance de cet ordinateur quand votre navigateur le demande.',
  webauthnStatus: 'Suivez les instructions de votre navigateur.',
  tryAgain: 'Réessayer',
  noSecurityKey:
    'Aucune clé de sécurité ni plateforme de confiance trouvée. Pour en enregistrer une, allez dans Mon compte (Clés de sécurité et plateformes de confiance).',
  webauthnRefused:
    'Cette clé de sécurité ou plateforme de confiance ne peut pas vous connecter. Veuillez vous reconnecter.',
  webauthnUnreadable: 'La réponse de votre authentificateur n’a pas pu être lue. Veuillez vous reconnecter.',
  accountDetails: 'Les détails de mon compte',
  firstName: 'Prénom',
  lastName: 'Nom',
  email: 'E-mail',
  uniqueIdentifier: 'Identifiant unique',
  emailLanguage: 'Langue des e-mails',
  myDevices: 'Mes appareils mobiles',
  myKeys: 'Mes clés de sécurité et plateformes de confiance',
  changePassword: 'Changer de mot de passe',
  passwordNotChanged: 'Votre mot de passe n’a pas été changé. Voir les raisons ci-dessous.',
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe',
  confirmNewPassword: 'Confirmez le nouveau mot de passe',
  passwordsDiffer: 'Les mots de passe ne correspondent pas.',
  myActivity: 'Mon activité',
  noActivity: 'Aucune activité pour l’instant.',
  when: 'Quand',
  what: 'Quoi',
  from: 'Depuis',
  never: 'jamais',
  noDeviceFound: 'Aucun appareil mobile trouvé.',
  addMobileDevice: 'Ajouter un appareil mobile',
  name: 'Nom',
  added: 'Ajouté',
  lastUsed: 'Dernière utilisation',
  manage: 'Gérer',
  lockedInitialise: '(verrouillé : initialisez-le à nouveau)',
  newName: 'Nouveau nom',
  rename: 'Renommer',
  remove: 'Retirer',
  kind: 'Type',
  trustedPlatform: 'Plateforme de confiance',
  securityKeyKind: 'Clé de sécurité',
  unknownModel: 'Modèle inconnu',
  attested: 'attesté',
  selfAttested: 'auto-attesté',
  noAttestation: 'sans attestation',
  registeredBySidekey: 'enregistré par Sidekey',
  noKeyRegistered: 'Aucune clé de sécurité ni plateforme de confiance enregistrée.',
  addKey: 'Ajouter une clé de sécurité ou une plateforme de confiance',
  addDeviceTitle: 'Ajouter un appareil mobile',
  reauthIntro:
    'Si nécessaire, authentifiez-vous à nouveau avec votre nom d’utilisateur et votre mot de passe : veuillez saisir votre mot de passe pour continuer.',
  addDeviceIntro: 'Veuillez donner un nom pour identifier votre appareil mobile et un code PIN à utiliser avec lui.',
  deviceName: 'Le nom de votre appareil',
  deviceNameHint: 'Par exemple : Sidekey dans Firefox au bureau',
  pinLabel: 'Votre code PIN à 4 chiffres',
  pinHint:
    'Vous devrez saisir ce code PIN sur votre appareil mobile pour utiliser l’application mobile EU Login. Choisissez un code PIN facile à retenir, mais difficile à deviner.',
  pinConfirmLabel: 'Confirmez votre code PIN',
  submit: 'Envoyer',
  initialiseTitle: 'Initialisez votre appareil',
  initialiseStep1:
    'Ouvrez Sidekey depuis la barre d’outils de ce navigateur et choisissez « Initialiser avec cette page ».',
  initialiseStep2: 'Saisissez le code PIN que vous venez de choisir et choisissez « S’authentifier ».',
  initialiseAlt: 'Code QR pour initialiser Sidekey',
  waitingEnrolment: 'En attente de votre appareil… Ce code est valable {minutes} minutes.',
  goToAccount: 'Aller à Mon compte',
  startAgain: 'Recommencer',
  stepUpIntro:
    'Vous avez déjà initialisé un appareil. Pour en ajouter un autre, approuvez la demande sur votre appareil enregistré.',
  sendRequest: 'Envoyer une demande à mon appareil',
  lostDevice: 'Vous n’avez plus cet appareil ? Retirez-le dans {link}, puis ajoutez le nouveau.',
  whatToRegister: 'Que voulez-vous enregistrer ?',
  platformHint:
    'L’authentificateur propre à cet ordinateur (TPM, Windows Hello, Touch ID), déverrouillé par votre empreinte, votre visage ou votre code.',
  keyHint: 'Une clé que vous branchez ou approchez de l’ordinateur (USB, NFC, Bluetooth).',
  keyNameHint: 'Par exemple : Portable du bureau, Clé bleue',
  registerComputerTitle: 'Enregistrer cet ordinateur',
  registerKeyTitle: 'Enregistrer votre clé de sécurité',
  registerPlatformIntro:
    'Confirmez avec votre empreinte, votre visage ou le code de cet ordinateur quand votre navigateur le demande.',
  registerKeyIntro: 'Insérez ou touchez votre clé de sécurité quand votre navigateur le demande.',
  createAccountTitle: 'Créer un compte',
  helpLink: 'Aide pour les utilisateurs externes',
  correctFields: 'Veuillez corriger les champs signalés ci-dessous.',
  confirmEmail: 'Confirmez l’e-mail',
  enterTheCode: 'Saisissez le code',
  captchaAlt: 'Code image : lettres et chiffres à saisir dans le champ',
  newCode: 'Générer un nouveau code',
  privacyBefore: 'En cochant cette case, vous reconnaissez avoir lu et compris la {link}',
  privacyStatement: 'déclaration de confidentialité',
  registeredTitle: 'Merci de vous être inscrit',
  registeredSent:
    'Un e-mail a été envoyé à {email}. Suivez les instructions de l’e-mail et cliquez sur le lien reçu pour créer votre mot de passe.',
  registeredSpam:
    'Vérifiez votre dossier de courrier indésirable si vous ne voyez pas l’e-mail dans les 10 à 15 minutes. L’e-mail peut mettre de 2 à 10 minutes à arriver.',
  backToSignIn: 'Retour à la connexion',
  formExpired: 'Votre session a expiré. Veuillez envoyer à nouveau le formulaire.',
  firstNameMissing: 'Veuillez saisir votre prénom.',
  lastNameMissing: 'Veuillez saisir votre nom.',
  emailMissing: 'Veuillez saisir votre adresse électronique.',
  emailInvalid: 'Veuillez saisir une adresse électronique valide, par exemple nom@example.eu.',
  emailsDiffer: 'Les adresses électroniques ne correspondent pas.',
  languageMissing: 'Veuillez choisir l’une des langues proposées.',
  privacyMissing: 'Veuillez confirmer que vous avez lu la déclaration de confidentialité.',
  captchaWrong: 'Le code est incorrect. Veuillez saisir le code affiché dans la nouvelle image.',
  tooManyRequestsHour: 'Trop de demandes depuis cet endroit. Veuillez réessayer dans une heure.',
  policyIntro:
    'Les mots de passe ne peuvent pas contenir votre nom d’utilisateur et doivent compter au moins 8 caractères choisis dans au moins trois des quatre groupes suivants (espaces autorisés) :',
  policyUpper: 'Majuscules : A à Z',
  policyLower: 'Minuscules : a à z',
  policyNumeric: 'Chiffres : 0 à 9',
  policySpecial: 'Caractères spéciaux :',
  policyTooShort: 'Le mot de passe doit contenir au moins {min} caractères.',
  policyTooLong: 'Le mot de passe peut contenir au plus {max} caractères.',
  policyGroups:
    'Le mot de passe doit contenir des caractères d’au moins trois des quatre groupes : majuscules, minuscules, chiffres, caractères spéciaux.',
  policyInvalid:
    'Le mot de passe ne peut contenir que les lettres A à Z et a à z, des chiffres, des espaces et les caractères spéciaux listés.',
  policyUsername: 'Le mot de passe ne peut pas contenir votre nom d’utilisateur.',
  newPasswordTitle: 'Nouveau mot de passe',
  chooseNewPassword: 'Veuillez choisir votre nouveau mot de passe.',
  passwordNotSet: 'Votre mot de passe n’a pas pu être défini. Voir les raisons ci-dessous.',
  seeRules: 'Voir les règles ci-dessous.',
  examples: 'Exemples :',
  otherSamples: '[Générer d’autres exemples de mots de passe]',
  passwordSetTitle: 'Mot de passe défini',
  passwordSetHeading: 'Votre mot de passe a été défini',
  passwordSetText:
    'Vous pouvez maintenant vous connecter avec votre adresse électronique ou votre identifiant unique et votre nouveau mot de passe.',
  proceed: 'Continuer',
  requestLinkTitle: 'Demander un nouveau lien de mot de passe',
  linkExpired:
    'Ce lien n’est plus valable : il a expiré ou a déjà été utilisé. Saisissez votre nom d’utilisateur pour en recevoir un nouveau.',
  linkSent:
    'Si ce nom d’utilisateur correspond à un compte, un nouvel e-mail avec un lien pour créer votre mot de passe est en route.',
  identifierShort: 'Adresse électronique ou identifiant unique',
  confirmRequest: 'Confirmer la demande',
  tooManyRequests: 'Trop de demandes. Veuillez réessayer dans une heure.',
  actAccountCreated: 'Compte créé',
  actPasswordSet: 'Mot de passe créé',
  actPasswordChanged: 'Mot de passe changé',
  actSignIn: 'Connexion',
  actSignInFailed: 'Échec de connexion',
  actSignInDenied: 'Connexion refusée sur votre appareil',
  actSignInReported: 'Connexion signalée comme ne venant pas de vous',
  actSignOut: 'Déconnexion',
  actLinkRequested: 'Nouveau lien de mot de passe demandé',
  actDeviceAdded: 'Appareil mobile ajouté',
  actDeviceRenamed: 'Appareil mobile renommé',
  actDeviceRemoved: 'Appareil mobile retiré',
  actDeviceLocked: 'Appareil mobile verrouillé',
  actKeyAdded: 'Clé de sécurité ou plateforme de confiance ajoutée',
  actKeyRenamed: 'Clé de sécurité ou plateforme de confiance renommée',
  actKeyRemoved: 'Clé de sécurité ou plateforme de confiance retirée',
  actKeyRefused: 'Clé de sécurité refusée',
  currentPasswordWrong: 'Le mot de passe actuel est incorrect.',
  passwordChanged: 'Votre mot de passe a été changé.',
  deviceNameMissing: 'Veuillez donner un nom à votre appareil.',
  nameTooLong: 'Le nom peut compter au plus 50 caractères.',
  pinFormat: 'Le code PIN doit comporter exactement 4 chiffres.',
  pinsDiffer: 'Les codes PIN ne correspondent pas.',
  notRenamed: 'Non renommé',
  notRemoved: 'Non retiré',
  notChanged: 'Non modifié',
  nameRule: 'Donnez-lui un nom de 1 à 50 caractères.',
  passwordWrongNotRemoved: 'Le mot de passe est incorrect ; rien n’a été retiré.',
  noSuchDevice: 'Votre compte n’a pas d’appareil de ce type.',
  noSuchKey: 'Votre compte n’a pas de clé de sécurité de ce type.',
  passwordWrong: 'Le mot de passe est incorrect.',
  tooManyFailures: 'Trop de tentatives échouées. Veuillez patienter {amount} et réessayer.',
  minutes: '{n} minutes',
  seconds: '{n} secondes',
  oneSecond: '1 seconde',
  signedOutTitle: 'Déconnecté',
  signedOutText: 'Vous avez été déconnecté d’EU Login.',
  notSignedOut: 'Non déconnecté',
  deviceNotAdded: 'Appareil non ajouté',
  deviceNotApproved: 'Votre appareil enregistré n’a pas approuvé l’ajout d’un appareil.',
  notRegistered: 'Non enregistré',
  registrationExpired: 'Cet enregistrement a expiré. Veuillez recommencer.',
  authenticatorUnverified: 'La réponse de votre authentificateur n’a pas pu être vérifiée. Veuillez réessayer.',
  attestationRequired:
    'Ce serveur n’accepte que les authentificateurs qui prouvent leur marque et leur modèle (attestation). Veuillez en utiliser un autre.',
  authenticatorExists: 'Cet authentificateur est déjà enregistré.',
  pageNotFound: 'Page introuvable',
  noPageHere: 'Il n’y a pas de page à cette adresse.',
  home: 'Accueil',
  somethingWrong: 'Un problème est survenu',
  requestNotProcessed: 'La demande n’a pas pu être traitée',
  apiInvalid: 'La demande n’était pas valide.',
  originRefused:
    'Ce serveur n’accepte pas les enregistrements depuis {origin}. Son exploitant doit ajouter cette origine au paramètre WEBAUTHN_EXTRA_ORIGINS.',
  apiWrongEnrolPin: 'Le code PIN n’est pas celui choisi sur la page.',
  apiCodeExpired: 'Ce code a expiré. Recommencez depuis « Ajouter un appareil mobile ».',
  apiCodeUsed: 'Ce code a déjà été utilisé.',
  apiCodeUnknown: 'Ce code est inconnu du serveur. Recommencez depuis « Ajouter un appareil mobile ».',
  apiCodeLocked:
    'Trop de codes PIN erronés : ce code ne fonctionne plus. Recommencez depuis « Ajouter un appareil mobile ».',
  apiThrottled: 'Trop de tentatives. Veuillez patienter et réessayer.',
  apiRequestUnknown: 'Cette demande est inconnue du serveur.',
  apiRequestExpired: 'Cette demande a expiré.',
  apiRequestUsed: 'Cette demande a déjà reçu une réponse.',
  apiWrongNumber:
    'Ce n’était pas le nombre affiché sur la page de connexion : la demande a été refusée. Si vous n’êtes pas à l’origine de cette connexion, choisissez « Ce n’était pas moi » la prochaine fois.',
  apiWrongPin: 'Le code PIN est incorrect.',
  apiDeviceLocked:
    'Trop de codes PIN erronés : cet appareil est verrouillé. Initialisez-le à nouveau depuis Mon compte (retirez-le, puis ajoutez-le à nouveau).',
  apiDeviceUnknown: 'Cet appareil est inconnu du serveur.',
  apiOneAttemptLeft: '{message} 1 tentative restante.',
  apiAttemptsLeft: '{message} {left} tentatives restantes.',
  apiRequestEnded: '{message} Trop de codes PIN erronés : cette demande est terminée.',
  jsEnrolDone: 'Votre appareil est initialisé. Vous pouvez maintenant utiliser Sidekey pour vous connecter.',
  jsEnrolExpired: 'Ce code a expiré. Recommencez pour en obtenir un nouveau.',
  jsEnrolCancelled: 'Trop de codes PIN erronés ont été saisis. Recommencez avec un nouveau code.',
  jsPushApproved: 'Approuvé. Connexion en cours…',
  jsPushDenied: 'La demande a été refusée sur votre appareil.',
  jsPushReported: 'La demande a été signalée comme ne venant pas de vous.',
  jsPushWrongNumber: 'Le nombre choisi sur votre appareil ne correspondait pas.',
  jsPushFailed: 'Trop de codes PIN erronés.',
  jsPushLocked: 'Votre appareil est verrouillé après trop de codes PIN erronés.',
  jsPushExpired: 'La demande a expiré.',
  jsWebauthnUnsupported: 'Ce navigateur ne peut pas utiliser de clés de sécurité ni de plateformes de confiance ici.',
  jsWebauthnExists: 'Cet authentificateur est déjà enregistré.',
  jsWebauthnCancelled: 'La demande a été annulée ou a expiré. Choisissez « Réessayer » pour recommencer.',
  jsWebauthnChecking: 'Vérification…',
  welcomeTitle: 'Bienvenue',
  homeIntro:
    'Ceci est le serveur de référence Sidekey : un fournisseur d’identité à la manière d’EU Login, avec l’extension Sidekey comme second appareil.',
  homeSignIn: 'Se connecter',
  homeOr: 'ou',
  homeCreate: 'créer un compte',
  homeEusurvey: 'la même chose par OpenID Connect, au niveau MEDIUM',
  homeEuropass: 'une application de démonstration qui connecte ses utilisateurs par EU Login',
  help1:
    'Remplissez le formulaire : vos prénom et nom, deux fois votre adresse électronique, la langue des e-mails et le code affiché dans l’image (le bouton à deux flèches en affiche un nouveau). Cochez la case de la déclaration de confidentialité et choisissez « Créer un compte ».',
  help2:
    'Vous recevez un e-mail en quelques minutes (vérifiez votre dossier de courrier indésirable). Suivez son lien dans les 24 heures pour créer votre mot de passe. Si le lien a expiré, suivez-le quand même : vous pourrez en demander un nouveau.',
  help3:
    'Choisissez un mot de passe d’au moins 8 caractères issus d’au moins trois de ces groupes : majuscules, minuscules, chiffres, caractères spéciaux. Il ne peut pas contenir votre nom d’utilisateur.',
  help4:
    'Connectez-vous avec votre adresse électronique ou votre identifiant unique, puis ajoutez un appareil mobile dans Mon compte.',
  backToRegister: 'Retour au formulaire d’inscription',
  privacyTitle: 'Déclaration de confidentialité',
  privacy1:
    'Ce serveur de référence conserve ce dont un compte a besoin et rien de plus : vos prénom et nom, votre adresse électronique et la langue de vos e-mails, une empreinte de votre mot de passe (Argon2id), les appareils et clés de sécurité que vous enregistrez (clés publiques et secrets chiffrés), et un journal des connexions et modifications avec leur heure, leur adresse IP et leur navigateur, que vous pouvez consulter dans Mon compte.',
  privacy2:
    'Vos données servent uniquement à vous connecter aux services qui s’appuient sur ce service de connexion. Elles ne sont partagées avec personne d’autre. Des e-mails ne sont envoyés que pour confirmer votre adresse, vous permettre de définir votre mot de passe et vous avertir d’une activité sur votre compte.',
  chooseDeviceError: 'Veuillez choisir l’un de vos appareils.',
  // Mails (domain/mail-templates.ts), in the user's e-mail language
  mailRegistrationSubject: 'Votre compte EU Login : créez votre mot de passe',
  mailRegisteredIntro: 'Vous avez été enregistré(e) dans EU Login.',
  mailNewLinkSubject: 'EU Login : votre nouveau lien de mot de passe',
  mailNewLinkIntro: 'Vous avez demandé un nouveau lien pour définir votre mot de passe EU Login.',
  mailPasswordLinkText: `Madame, Monsieur,

{intro}

Votre adresse électronique est {email}.

Pour créer votre mot de passe, suivez le lien ci-dessous :

{link}

Vous disposez de 24 heures au maximum, à compter de l'envoi de ce message, pour créer votre mot de passe, mais nous vous encourageons à le faire dès maintenant si possible. Passé ce délai, vous pourrez faire une nouvelle demande en suivant le même lien : vous devrez alors saisir à nouveau votre nom d'utilisateur et confirmer votre demande.

Si le lien ci-dessus ne fonctionne pas, copiez l'adresse et collez-la dans la barre d'adresse de votre navigateur (assurez-vous de copier l'adresse complète !).

Au lieu de répondre à ce message, en cas de problème, veuillez suivre l'aide ou les coordonnées du site sur lequel vous tentiez de vous inscrire.

Envoyé par EU Login`,
  mailExistsSubject: 'Votre compte EU Login existe déjà',
  mailExistsText: `Madame, Monsieur,

Quelqu'un, peut-être vous-même, a tenté de créer un compte EU Login avec votre adresse {email}. Vous avez déjà un compte ; aucun nouveau compte n'a été créé.

Pour vous connecter :
{signInUrl}

Si vous avez oublié votre mot de passe, vous pouvez demander un nouveau lien ici :
{resetUrl}

Si ce n'était pas vous, ignorez ce message ; votre compte n'a pas été modifié.

Envoyé par EU Login`,
  mailSuspiciousSubject: "EU Login : une connexion que vous n'avez pas demandée a été arrêtée",
  mailSuspiciousText: `Madame, Monsieur,

Vous avez signalé une demande de connexion à votre compte EU Login comme ne venant pas de vous. Elle a été refusée.

Service : {service}
Navigateur : {browser} sur {os}
Adresse IP : {ip}
Heure : {when}

La demande a suivi la saisie du bon mot de passe. Veuillez changer votre mot de passe dès maintenant dans Mon compte.

Envoyé par EU Login`,
};
