/** The sign-in pages in the browser's language before sign-in, and in the user's e-mail language after. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { sqliteBackend } from '../fixtures/stores';
import { GOOD_PASSWORD, startTestApp, type TestApp } from '../fixtures/test-app';
import { seedUser } from '../fixtures/users';

const sink = smtpSinkForThisFile();

describe('page languages', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(sqliteBackend, sink);
  });
  afterEach(() => t.close());

  it.each([
    ['fr-FR,fr;q=0.9', 'fr', 'Connectez-vous pour continuer', 'Suivant &gt;'],
    ['de-DE', 'de', 'Melden Sie sich an, um fortzufahren', 'Weiter &gt;'],
    ['it-IT', 'en', 'Sign in to continue', 'Next &gt;'],
  ])('answers Accept-Language %s in %s', async (header, lang, heading, next) => {
    const page = await t.client({ 'accept-language': header }).get('/cas/login');
    expect(page.body).toContain(`<html lang="${lang}">`);
    expect(page.body).toContain(`<h1>${heading}</h1>`);
    expect(page.body).toContain(next);
  });

  it('follows the user’s e-mail language after the password, whatever the browser says', async () => {
    const user = await seedUser(t.store, GOOD_PASSWORD);
    await t.store.sql.run("UPDATE users SET language = 'de' WHERE uid = ?", [user.uid]);
    const client = t.client({ 'accept-language': 'fr' });
    await client.get('/cas/login');
    const step2 = await client.post('/cas/login', { step: 'identifier', identifier: user.email });
    expect(step2.body).toContain('Bon retour');
    expect(step2.body).toContain('Code PIN de l’application mobile EU Login');
    await client.post('/cas/login', {
      step: 'password',
      identifier: user.email,
      method: 'password',
      password: GOOD_PASSWORD,
    });
    expect(client.cookies.get('sk_lang')).toBe('de');
    const next = await client.get('/cas/login');
    expect(next.statusCode).toBe(303); // signed in: straight on
    const account = await client.get('/cas/account');
    expect(account.body).toContain('<html lang="de">');
    expect(account.body).toContain('Abmelden');
    // Signing out forgets it.
    await client.post('/cas/logout', {});
    expect(client.cookies.has('sk_lang')).toBe(false);
  });

  it('never lets a hostile cookie or header choose anything but en, fr or de', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/cas/login',
      headers: { cookie: 'sk_lang=<script>', 'accept-language': 'x'.repeat(5000) },
    });
    expect(page.body).toContain('<html lang="en">');
  });
});
