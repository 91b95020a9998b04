/**
 * The mails the server sends, in the user's e-mail language (English, French
 * and German; the other EU languages fall back to English). The registration
 * mail follows the wording of the EU Login user guide.
 */
import type { MailContent } from '../platform/mailer';

type Lang = 'en' | 'fr' | 'de';
const pick = (language: string): Lang => (language === 'fr' || language === 'de' ? language : 'en');

export function registrationMail(language: string, email: string, link: string): MailContent {
  return {
    en: {
      subject: 'Your EU Login account: create your password',
      text: `Dear,

You have been registered in EU Login.

Your email address is ${email}.

To create your password, follow the link below:

${link}

You have a maximum of 24 hr, starting from the time that this message was sent, to create your password, but you are encouraged to do so immediately if possible. After this time, you can make another request by following the same link: you will then need to re-enter your username and confirm your request.

If the above link does not work, you can copy the address and paste it into your browser's address bar (make sure the complete address is copied!).

Instead of replying to this message, if you have a problem, please follow the help or contact information on the site where you were trying to register.

Sent to you by EU Login`,
    },
    fr: {
      subject: 'Votre compte EU Login : créez votre mot de passe',
      text: `Madame, Monsieur,

Vous avez été enregistré(e) dans EU Login.

Votre adresse électronique est ${email}.

Pour créer votre mot de passe, suivez le lien ci-dessous :

${link}

Vous disposez de 24 heures au maximum, à compter de l'envoi de ce message, pour créer votre mot de passe, mais nous vous encourageons à le faire dès maintenant si possible. Passé ce délai, vous pourrez faire une nouvelle demande en suivant le même lien : vous devrez alors saisir à nouveau votre nom d'utilisateur et confirmer votre demande.

Si le lien ci-dessus ne fonctionne pas, copiez l'adresse et collez-la dans la barre d'adresse de votre navigateur (assurez-vous de copier l'adresse complète !).

Au lieu de répondre à ce message, en cas de problème, veuillez suivre l'aide ou les coordonnées du site sur lequel vous tentiez de vous inscrire.

Envoyé par EU Login`,
    },
    de: {
      subject: 'Ihr EU Login-Konto: Passwort erstellen',
      text: `Sehr geehrte Damen und Herren,

Sie wurden bei EU Login registriert.

Ihre E-Mail-Adresse lautet ${email}.

Um Ihr Passwort zu erstellen, folgen Sie bitte dem untenstehenden Link:

${link}

Sie haben ab dem Versand dieser Nachricht höchstens 24 Stunden Zeit, um Ihr Passwort zu erstellen; wir empfehlen Ihnen jedoch, dies möglichst sofort zu tun. Danach können Sie über denselben Link eine neue Anfrage stellen: Sie müssen dann Ihren Benutzernamen erneut eingeben und Ihre Anfrage bestätigen.

Falls der obige Link nicht funktioniert, kopieren Sie die Adresse und fügen Sie sie in die Adressleiste Ihres Browsers ein (achten Sie darauf, die vollständige Adresse zu kopieren!).

Bitte antworten Sie nicht auf diese Nachricht. Bei Problemen wenden Sie sich an die Hilfe- oder Kontaktangaben der Website, auf der Sie sich registrieren wollten.

Von EU Login an Sie gesendet`,
    },
  }[pick(language)];
}

/** Sent instead of a registration mail when the address already has an account (no enumeration on the page). */
export function alreadyRegisteredMail(
  language: string,
  email: string,
  signInUrl: string,
  resetUrl: string,
): MailContent {
  return {
    en: {
      subject: 'Your EU Login account already exists',
      text: `Dear,

Someone, perhaps you, tried to create an EU Login account with your email address ${email}. You already have an account, so no new account was created.

To sign in, go to:
${signInUrl}

If you have forgotten your password, you can request a new link here:
${resetUrl}

If it was not you, you can ignore this message; your account has not been changed.

Sent to you by EU Login`,
    },
    fr: {
      subject: 'Votre compte EU Login existe déjà',
      text: `Madame, Monsieur,

Quelqu'un, peut-être vous-même, a tenté de créer un compte EU Login avec votre adresse ${email}. Vous avez déjà un compte ; aucun nouveau compte n'a été créé.

Pour vous connecter :
${signInUrl}

Si vous avez oublié votre mot de passe, vous pouvez demander un nouveau lien ici :
${resetUrl}

Si ce n'était pas vous, ignorez ce message ; votre compte n'a pas été modifié.

Envoyé par EU Login`,
    },
    de: {
      subject: 'Ihr EU Login-Konto besteht bereits',
      text: `Sehr geehrte Damen und Herren,

Jemand, vielleicht Sie selbst, hat versucht, mit Ihrer E-Mail-Adresse ${email} ein EU Login-Konto zu erstellen. Sie haben bereits ein Konto; es wurde kein neues Konto angelegt.

Zur Anmeldung:
${signInUrl}

Falls Sie Ihr Passwort vergessen haben, können Sie hier einen neuen Link anfordern:
${resetUrl}

Falls Sie das nicht waren, können Sie diese Nachricht ignorieren; Ihr Konto wurde nicht geändert.

Von EU Login an Sie gesendet`,
    },
  }[pick(language)];
}

/** A new password link, requested after the first one expired or was lost. */
export function passwordLinkMail(language: string, email: string, link: string): MailContent {
  const base = registrationMail(language, email, link);
  return {
    en: {
      subject: 'EU Login: your new password link',
      text: base.text.replace(
        'You have been registered in EU Login.',
        'You asked for a new link to set your EU Login password.',
      ),
    },
    fr: {
      subject: 'EU Login : votre nouveau lien de mot de passe',
      text: base.text.replace(
        'Vous avez été enregistré(e) dans EU Login.',
        'Vous avez demandé un nouveau lien pour définir votre mot de passe EU Login.',
      ),
    },
    de: {
      subject: 'EU Login: Ihr neuer Passwort-Link',
      text: base.text.replace(
        'Sie wurden bei EU Login registriert.',
        'Sie haben einen neuen Link zum Festlegen Ihres EU Login-Passworts angefordert.',
      ),
    },
  }[pick(language)];
}

/** After "This wasn't me" on a push request: what was asked, and what to do now. */
export function suspiciousSignInMail(
  language: string,
  r: { service: string | null; browser: string; os: string; ip: string; at: Date },
): MailContent {
  const when = r.at.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return {
    en: {
      subject: 'EU Login: a sign-in you did not ask for was stopped',
      text: `Dear,

You reported a sign-in request to your EU Login account as not made by you. It was refused.

Service: ${r.service ?? 'EU Login'}
Browser: ${r.browser} on ${r.os}
IP address: ${r.ip}
Time: ${when}

The request came after the right password. Please change your password now in My Account.

Sent to you by EU Login`,
    },
    fr: {
      subject: "EU Login : une connexion que vous n'avez pas demandée a été arrêtée",
      text: `Madame, Monsieur,

Vous avez signalé une demande de connexion à votre compte EU Login comme ne venant pas de vous. Elle a été refusée.

Service : ${r.service ?? 'EU Login'}
Navigateur : ${r.browser} sur ${r.os}
Adresse IP : ${r.ip}
Heure : ${when}

La demande a suivi la saisie du bon mot de passe. Veuillez changer votre mot de passe dès maintenant dans Mon compte.

Envoyé par EU Login`,
    },
    de: {
      subject: 'EU Login: eine nicht von Ihnen angeforderte Anmeldung wurde gestoppt',
      text: `Sehr geehrte Damen und Herren,

Sie haben eine Anmeldeanfrage für Ihr EU Login-Konto als nicht von Ihnen stammend gemeldet. Sie wurde abgelehnt.

Dienst: ${r.service ?? 'EU Login'}
Browser: ${r.browser} unter ${r.os}
IP-Adresse: ${r.ip}
Zeit: ${when}

Der Anfrage ging das richtige Passwort voraus. Bitte ändern Sie Ihr Passwort jetzt unter Mein Konto.

Von EU Login an Sie gesendet`,
    },
  }[pick(language)];
}
