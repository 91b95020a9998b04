/** Step 1 of the guide: account creation, the mail, the picture code — on each store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EU_LANGUAGES } from '../../src/core/languages';
import { MAILS_PER_ADDRESS_PER_HOUR } from '../../src/server/domain/accounts';
import { CAPTCHA_TTL_MS } from '../../src/server/domain/captcha';
import { linkIn, smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { PUBLIC_URL, startTestApp, submitRegistration, type TestApp } from '../fixtures/test-app';

const ANNA = { firstName: 'Anna', lastName: 'Schmidt', email: 'Anna.Schmidt@example.eu' };

const sink = smtpSinkForThisFile();

for (const backend of backends) {
  describe(`registration [${backend.name}]`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(backend, sink);
    });
    afterEach(() => t.close());

    const userCount = async () => Number((await t.store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM users'))!.n);

    it('shows the guide’s form: labels, 24 languages, picture code, privacy statement', async () => {
      const res = await t.client().get('/cas/register');
      expect(res.statusCode).toBe(200);
      for (const label of [
        'First name',
        'Last name',
        'E-mail',
        'Confirm e-mail',
        'E-mail language',
        'Enter the code',
        'Create an account',
        'Cancel',
      ]) {
        expect(res.body).toContain(label);
      }
      expect(res.body).toContain('By checking this box, you acknowledge that you have read and understood the');
      expect(res.body.match(/<option value="[a-z]{2}"/g)).toHaveLength(EU_LANGUAGES.length);
      expect(res.body).toMatch(/<img src="data:image\/svg\+xml;base64,/);
      expect((await t.client().get('/cas/privacy')).body).toContain('Privacy statement');
    });

    it('creates the account, gives it a unique identifier, and mails the password link over SMTP', async () => {
      const client = t.client();
      const res = await submitRegistration(client, ANNA);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('An e-mail has been sent to <strong>anna.schmidt@example.eu</strong>');
      const mail = await sink.nextFor(ANNA.email);
      expect(mail.subject).toBe('Your EU Login account: create your password');
      expect(mail.text).toContain('You have been registered in EU Login.');
      expect(mail.text).toContain('Your email address is anna.schmidt@example.eu.');
      expect(mail.text).toContain('You have a maximum of 24 hr');
      expect(linkIn(mail, PUBLIC_URL)).toMatch(/\/cas\/password\/new\?token=[A-Za-z0-9_-]{43}$/);
      const user = await t.store.users.byEmail(ANNA.email);
      expect(user).toMatchObject({ firstName: 'Anna', lastName: 'Schmidt', language: 'en', passwordHash: null });
      expect(user!.uid).toMatch(/^n00[a-z0-9]{5}$/);
      // Only the hash of the link's token is stored.
      const token = new URL(linkIn(mail, PUBLIC_URL)).searchParams.get('token')!;
      const rows = await t.store.sql.all<{ token_hash: string }>('SELECT token_hash FROM email_tokens');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).not.toContain(token);
      expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it.each([
      ['fr', 'Votre compte EU Login : créez votre mot de passe', 'Vous avez été enregistré(e) dans EU Login.'],
      ['de', 'Ihr EU Login-Konto: Passwort erstellen', 'Sie wurden bei EU Login registriert.'],
      ['es', 'Your EU Login account: create your password', 'You have been registered in EU Login.'],
    ])('writes the mail in the chosen language %s (others fall back to English)', async (language, subject, line) => {
      const email = `lang-${language}@example.eu`;
      await submitRegistration(t.client(), { ...ANNA, email, language });
      const mail = await sink.nextFor(email);
      expect(mail.subject).toBe(subject);
      expect(mail.text).toContain(line);
      expect((await t.store.users.byEmail(email))!.language).toBe(language);
    });

    it.each([
      ['firstName', { firstName: '   ' }, 'Please enter your first name.'],
      ['lastName', { lastName: '' }, 'Please enter your last name.'],
      ['email', { email: 'not-an-address', emailConfirm: 'not-an-address' }, 'Please enter a valid e-mail address'],
      ['emailConfirm', { emailConfirm: 'other@example.eu' }, 'The e-mail addresses do not match.'],
      ['language', { language: 'xx' }, 'Please choose one of the listed languages.'],
      ['captcha', { captcha: 'wrong!' }, 'The code is not correct.'],
      ['privacy', { privacy: 'no' }, 'Please confirm that you have read the privacy statement.'],
    ])(
      'refuses a bad %s with a message next to the field, keeping what was typed',
      async (name, overrides, message) => {
        const mailsBefore = sink.mails.length;
        const res = await submitRegistration(t.client(), ANNA, overrides as Record<string, string>);
        expect(res.statusCode).toBe(422);
        expect(res.body).toMatch(
          new RegExp(`<p class="error" id="f-${name}-error">${message.replace(/[.?]/g, '\\$&')}`),
        );
        expect(res.body).toContain(`aria-invalid="true"`);
        if (name !== 'lastName') expect(res.body).toContain('value="Schmidt"');
        await t.idle(); // the mail sender's thread has worked every request out
        expect(await userCount()).toBe(0);
        expect(sink.mails.length).toBe(mailsBefore);
      },
    );

    it.each([
      'alpha,beta@example.eu',
      'alpha;beta@example.eu',
      'alpha@example.eu, beta@example.eu',
      'Alpha <beta@example.eu>',
      'alpha@example.eu\nBcc: beta@example.eu',
    ])('refuses %j: one mailbox only, no account kept and no mail sent', async (email) => {
      const mailsBefore = sink.mails.length;
      const res = await submitRegistration(t.client(), { ...ANNA, email });
      expect([422, 400]).toContain(res.statusCode);
      if (res.statusCode === 422) expect(res.body).toContain('Please enter a valid e-mail address');
      await t.idle(); // the mail sender's thread has worked every request out
      expect(await userCount()).toBe(0);
      expect(sink.mails.length).toBe(mailsBefore);
    });

    it('keeps an internationalised address and mails exactly that mailbox', async () => {
      const email = 'Jürgen@München.example';
      const res = await submitRegistration(t.client(), { ...ANNA, email });
      expect(res.statusCode).toBe(200);
      await t.idle(); // the mail sender's thread has worked every request out
      const user = await t.store.users.byEmail('jürgen@münchen.example');
      expect(user?.email).toBe('jürgen@münchen.example');
      // Sent as stored (SMTPUTF8, RFC 6531), to that mailbox alone.
      const mail = await sink.nextFor('jürgen@münchen.example');
      expect(mail.envelopeTo).toEqual(['jürgen@münchen.example']);
    });

    it('uses a picture code once: replaying a solved code fails', async () => {
      const client = t.client();
      await client.get('/cas/register');
      const captchaId = client.attr(/name="captchaId" value="([^"]+)"/);
      const captcha = client.attr(/data-test-answer="([^"]+)"/);
      const fields = {
        firstName: 'A',
        lastName: 'B',
        email: 'once@example.eu',
        emailConfirm: 'once@example.eu',
        language: 'en',
        privacy: 'yes',
        captchaId,
        captcha,
      };
      expect((await client.post('/cas/register', fields)).statusCode).toBe(200);
      const replay = await client.post('/cas/register', {
        ...fields,
        email: 'twice@example.eu',
        emailConfirm: 'twice@example.eu',
      });
      expect(replay.statusCode).toBe(422);
      expect(replay.body).toContain('The code is not correct.');
    });

    it('lets a picture code expire', async () => {
      const client = t.client();
      await client.get('/cas/register');
      t.clock.advance(CAPTCHA_TTL_MS + 1);
      const res = await client.post('/cas/register', {
        ...ANNA,
        emailConfirm: ANNA.email,
        language: 'en',
        privacy: 'yes',
        captchaId: client.attr(/name="captchaId" value="([^"]+)"/),
        captcha: client.attr(/data-test-answer="([^"]+)"/),
      });
      expect(res.body).toContain('The code is not correct.');
    });

    it('generates a new code on request and keeps what was typed', async () => {
      const client = t.client();
      await client.get('/cas/register');
      const firstId = client.attr(/name="captchaId" value="([^"]+)"/);
      const res = await client.post('/cas/register', {
        action: 'new-code',
        captchaId: firstId,
        firstName: 'Anna',
        email: 'kept@example.eu',
      });
      expect(res.statusCode).toBe(200);
      expect(client.attr(/name="captchaId" value="([^"]+)"/)).not.toBe(firstId);
      expect(res.body).toContain('value="kept@example.eu"');
      expect(res.body).not.toContain('class="error"');
      expect(await t.store.captchas.check(firstId, 'anything')).toBe(false);
    });

    it('answers the same for an address that already has an account, and mails its owner instead', async () => {
      const first = await submitRegistration(t.client(), ANNA);
      await sink.nextFor(ANNA.email);
      const second = await submitRegistration(t.client(), {
        ...ANNA,
        firstName: 'Mallory',
        email: 'ANNA.SCHMIDT@example.eu',
      });
      expect(second.statusCode).toBe(first.statusCode);
      expect(second.body).toBe(first.body);
      const notice = await sink.nextFor(ANNA.email);
      expect(notice.subject).toBe('Your EU Login account already exists');
      expect(notice.text).toContain('no new account was created');
      expect(await userCount()).toBe(1);
      expect((await t.store.users.byEmail(ANNA.email))!.firstName).toBe('Anna');
    });

    it('refuses a form without the CSRF token or from another origin', async () => {
      const client = t.client();
      await client.get('/cas/register');
      expect((await client.post('/cas/register', { ...ANNA }, { csrf: false })).statusCode).toBe(403);
      const foreign = t.client({ origin: 'https://evil.example' });
      await foreign.get('/cas/register');
      expect((await foreign.post('/cas/register', { ...ANNA })).statusCode).toBe(403);
      await t.idle(); // the mail sender's thread has worked every request out
      expect(await userCount()).toBe(0);
    });

    it('makes no second account for a look-alike spelling of a known address, and refuses invisible characters', async () => {
      await submitRegistration(t.client(), { ...ANNA, email: 'u@example.eu' });
      await sink.nextFor('u@example.eu');
      // Full-width letters (U+FF45, U+FF55) and the full-width at sign are the same mailbox.
      for (const email of ['u@ｅxample.eu', 'ｕ@example.eu']) {
        expect((await submitRegistration(t.client(), { ...ANNA, email })).statusCode).toBe(200);
        expect((await sink.nextFor('u@example.eu')).subject).toBe('Your EU Login account already exists');
      }
      // A soft hyphen or a zero-width space: not an address Sidekey keeps.
      for (const email of ['u@ex\u00adample.eu', 'u\u200b@example.eu']) {
        const res = await submitRegistration(t.client(), { ...ANNA, email });
        expect(res.statusCode).toBe(422);
      }
      expect(await userCount()).toBe(1);
    });

    it(`counts every spelling of one mailbox against its ${MAILS_PER_ADDRESS_PER_HOUR} mails an hour`, async () => {
      const spellings = [
        'v@example.eu',
        'V@EXAMPLE.EU',
        'v@ｅxample.eu',
        'ｖ@example.eu',
        'v@exａmple.eu',
        'v@example．eu',
      ];
      const answers = [];
      for (const email of spellings)
        answers.push((await submitRegistration(t.client(), { ...ANNA, email })).statusCode);
      expect(answers.filter((code) => code === 200)).toHaveLength(MAILS_PER_ADDRESS_PER_HOUR);
      expect(answers.filter((code) => code === 429)).toHaveLength(spellings.length - MAILS_PER_ADDRESS_PER_HOUR);
      await t.idle(); // the mail sender's thread has worked every request out
      expect(await userCount()).toBe(1);
    });

    it(`rate-limits mails to one address (${MAILS_PER_ADDRESS_PER_HOUR} an hour)`, async () => {
      for (let i = 0; i < MAILS_PER_ADDRESS_PER_HOUR; i++) {
        expect((await submitRegistration(t.client(), ANNA)).statusCode).toBe(200);
      }
      const limited = await submitRegistration(t.client(), ANNA);
      expect(limited.statusCode).toBe(429);
      expect(limited.body).toContain('Too many requests');
      t.clock.advance(60 * 60_000 + 1);
      expect((await submitRegistration(t.client(), ANNA)).statusCode).toBe(200);
    });
  });
}

describe('development outbox', () => {
  it('keeps mails as files listed at /dev/outbox when no SMTP server is configured, and only outside production', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { buildApp } = await import('../../src/server/app');
    const { testConfig } = await import('../fixtures/config');
    const { WebClient } = await import('../fixtures/web-client');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-outbox-'));
    const { store, dispose } = await backends[0]!.open();
    const app = await buildApp({
      config: testConfig({ DATA_DIR: dataDir, PUBLIC_URL, CAPTCHA_TEST_MODE: '1' }),
      store,
    });
    try {
      await submitRegistration(new WebClient(app), ANNA);
      // The mail sender's thread writes it, just after the answer.
      const outbox = path.join(dataDir, 'outbox');
      await expect
        .poll(() => (fs.existsSync(outbox) ? fs.readdirSync(outbox) : []), { timeout: 10_000 })
        .toHaveLength(1);
      const files = fs.readdirSync(outbox);
      expect(fs.readFileSync(path.join(dataDir, 'outbox', files[0]!), 'utf8')).toContain(
        'Subject: Your EU Login account: create your password',
      );
      const list = await app.inject({ method: 'GET', url: '/dev/outbox' });
      expect(list.body).toContain('anna.schmidt@example.eu');
      expect((await app.inject({ method: 'GET', url: `/dev/outbox/${files[0]}` })).body).toContain(
        '/cas/password/new?token=',
      );
      expect((await app.inject({ method: 'GET', url: '/dev/outbox/..%2F..%2Fetc%2Fpasswd' })).statusCode).toBe(404);
    } finally {
      await app.close();
      await dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
