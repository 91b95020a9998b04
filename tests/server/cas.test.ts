/** CAS for relying parties: tickets, validation XML, strengths, the demo relying party — on each store. */
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TICKET_TTL_MS } from '../../src/server/domain/cas/login-target';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { createAccount, PUBLIC_URL, signIn, startTestApp, type TestApp } from '../fixtures/test-app';
import type { WebClient } from '../fixtures/web-client';

const EUROPASS = `${PUBLIC_URL}/europass/callback`;
const STRICT = 'https://strict.example/app/';
const xml = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true });

const sink = smtpSinkForThisFile();

for (const backend of backends) {
  describe(`CAS [${backend.name}]`, () => {
    let t: TestApp;
    let uid: string;
    const email = 'dora@example.eu';
    beforeEach(async () => {
      t = await startTestApp(backend, sink, {
        CAS_SERVICES: JSON.stringify([
          { name: 'Strict app', url: STRICT, minStrength: 'PASSWORD_WEBAUTHN' },
          // Registered without a trailing slash: what is below it must still be below it.
          { name: 'Bare app', url: 'https://bare.example/app' },
        ]),
      });
      uid = await createAccount(t, sink, { firstName: 'Dora', lastName: 'Novak', email });
    });
    afterEach(() => t.close());

    /** Signs in for a service and follows "Continue" to the redirect; returns the ticket. */
    async function ticketFor(client: WebClient, service = EUROPASS, identifier = email): Promise<string> {
      await signIn(client, identifier, undefined, service);
      const res = await client.get(`/cas/login?service=${encodeURIComponent(service)}`);
      expect(res.statusCode).toBe(303);
      const location = new URL(res.headers.location as string);
      expect(location.origin + location.pathname).toBe(service);
      return location.searchParams.get('ticket')!;
    }
    const validate = async (ticket: string, service = EUROPASS, path = '/cas/p3/serviceValidate') => {
      const res = await t.app.inject({
        method: 'GET',
        url: `${path}?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      return xml.parse(res.body).serviceResponse;
    };

    it.each([['/cas/serviceValidate'], ['/cas/p3/serviceValidate']])(
      'validates a ticket once at %s, with attributes and strength',
      async (path) => {
        const ticket = await ticketFor(t.client());
        expect(ticket).toMatch(/^ST-[A-Za-z0-9_-]{43}$/);
        const ok = await validate(ticket, EUROPASS, path);
        expect(ok.authenticationSuccess).toMatchObject({
          user: uid,
          attributes: { uid, email, firstName: 'Dora', lastName: 'Novak', strengths: { strength: 'PASSWORD' } },
        });
        const replay = await validate(ticket, EUROPASS, path);
        expect(replay.authenticationFailure['@_code']).toBe('INVALID_TICKET');
      },
    );

    it('refuses a ticket presented by another service, and uses it up', async () => {
      await t.close();
      t = await startTestApp(backend, sink, {
        CAS_SERVICES: JSON.stringify([{ name: 'Other', url: 'https://other.example/' }]),
      });
      uid = await createAccount(t, sink, { firstName: 'Dora', lastName: 'Novak', email: 'dora2@example.eu' });
      const client = t.client();
      await signIn(client, 'dora2@example.eu', undefined, EUROPASS);
      const ticket = new URL(
        (await client.get(`/cas/login?service=${encodeURIComponent(EUROPASS)}`)).headers.location as string,
      ).searchParams.get('ticket')!;
      expect((await validate(ticket, 'https://other.example/x')).authenticationFailure['@_code']).toBe(
        'INVALID_SERVICE',
      );
      expect((await validate(ticket)).authenticationFailure['@_code']).toBe('INVALID_TICKET');
    });

    it('lets tickets expire', async () => {
      const ticket = await ticketFor(t.client());
      t.clock.advance(TICKET_TTL_MS + 1);
      expect((await validate(ticket)).authenticationFailure['@_code']).toBe('INVALID_TICKET');
    });

    it.each([
      ['no parameters', '', 'INVALID_REQUEST'],
      ['no ticket', `service=${encodeURIComponent(EUROPASS)}`, 'INVALID_REQUEST'],
      ['an unknown service', 'service=https%3A%2F%2Fevil.example%2F&ticket=ST-x', 'INVALID_SERVICE'],
      ['a malformed ticket', `service=${encodeURIComponent(EUROPASS)}&ticket=${'<x>'.repeat(1000)}`, 'INVALID_TICKET'],
      ['a forged ticket', `service=${encodeURIComponent(EUROPASS)}&ticket=ST-${'A'.repeat(43)}`, 'INVALID_TICKET'],
      ['repeated parameters', `service=${encodeURIComponent(EUROPASS)}&ticket=a&ticket=b`, 'INVALID_REQUEST'],
    ])('answers %s with a CAS error in XML', async (_name, query, code) => {
      const res = await t.app.inject({ method: 'GET', url: `/cas/serviceValidate?${query}` });
      expect(res.statusCode).toBe(200);
      const answer = xml.parse(res.body).serviceResponse;
      expect(answer.authenticationFailure['@_code']).toBe(code);
      expect(res.body.length).toBeLessThan(600); // the attacker's input is not echoed back
    });

    it('signs in once for several services (single sign-on) and issues a fresh ticket each time', async () => {
      const client = t.client();
      const first = await ticketFor(client);
      const second = await client.get(`/cas/login?service=${encodeURIComponent(EUROPASS)}`);
      expect(second.statusCode).toBe(303);
      expect(new URL(second.headers.location as string).searchParams.get('ticket')).not.toBe(first);
      // renew=true forces the credentials again (CAS 3.0 §2.1.1).
      expect((await client.get(`/cas/login?service=${encodeURIComponent(EUROPASS)}&renew=true`)).statusCode).toBe(200);
    });

    it.each([
      ['https://evil.example/'],
      [`${PUBLIC_URL}/elsewhere`],
      ['javascript:alert(1)'],
      ['https://user:pw@strict.example/app/'],
      ['x'.repeat(3000)],
    ])('refuses the unregistered service %s', async (service) => {
      const res = await t.client().get(`/cas/login?service=${encodeURIComponent(service)}`);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('not registered');
    });

    it('offers only methods that meet the service’s minimum strength', async () => {
      const client = t.client();
      await client.get(`/cas/login?service=${encodeURIComponent(STRICT)}`);
      const step2 = await client.post('/cas/login', { step: 'identifier', identifier: email, service: STRICT });
      // Only the phishing-resistant method meets PASSWORD_WEBAUTHN.
      expect(step2.body).toContain('value="webauthn" checked');
      expect(step2.body).not.toMatch(/name="method" value="(password|mobile-pin|mobile-qr)"/);
      const forced = await client.post('/cas/login', {
        step: 'password',
        identifier: email,
        method: 'password',
        password: 'x',
        service: STRICT,
      });
      expect(forced.statusCode).toBe(422);
      // A password session is not enough for it either: a step-up, the second factor alone (no
      // password field), and a sign-in anew one link away.
      await signIn(client, email);
      const stepUp = await client.get(`/cas/login?service=${encodeURIComponent(STRICT)}`);
      expect(stepUp.statusCode).toBe(200);
      expect(stepUp.body).toContain('your password is not asked again');
      expect(stepUp.body).toContain('name="step" value="second"');
      expect(stepUp.body).toContain('value="webauthn" checked');
      expect(stepUp.body).not.toContain('type="password"');
      expect(stepUp.body).toContain(`/cas/login?service=${encodeURIComponent(STRICT)}&amp;renew=true`);
      const renewed = await client.get(`/cas/login?service=${encodeURIComponent(STRICT)}&renew=true`);
      expect(renewed.body).toContain('name="identifier"');
    });

    it('offers a two-factor service the mobile app method and not the password alone', async () => {
      await t.close();
      t = await startTestApp(backend, sink, {
        CAS_SERVICES: JSON.stringify([{ name: 'Two-factor app', url: STRICT, minStrength: 'PASSWORD_MOBILE_APP' }]),
      });
      const client = t.client();
      await client.get(`/cas/login?service=${encodeURIComponent(STRICT)}`);
      const step2 = await client.post('/cas/login', { step: 'identifier', identifier: email, service: STRICT });
      expect(step2.body).toContain('name="method" value="mobile-qr"');
      expect(step2.body).not.toContain('name="method" value="password"');
    });

    it('lets the demo relying party sign its user in and show the strength', async () => {
      const client = t.client();
      const home = await client.get('/europass/');
      expect(home.body).toContain('Login to Europass');
      const ticket = await ticketFor(client);
      const welcome = await client.get(`/europass/callback?ticket=${ticket}`);
      expect(welcome.statusCode).toBe(200);
      expect(welcome.body).toContain('Welcome, Dora Novak');
      expect(welcome.body).toContain('data-testid="strength">PASSWORD<');
      const again = await client.get(`/europass/callback?ticket=${ticket}`);
      expect(again.statusCode).toBe(401);
    });

    it('shows names with apostrophes, ampersands and markup once escaped on the relying party', async () => {
      const other = await createAccount(t, sink, {
        firstName: "D'Arcy & <b>Co</b>",
        lastName: "O'Neil",
        email: 'darcy@example.eu',
      });
      const client = t.client();
      await signIn(client, 'darcy@example.eu', undefined, EUROPASS);
      const ticket = new URL(
        (await client.get(`/cas/login?service=${encodeURIComponent(EUROPASS)}`)).headers.location as string,
      ).searchParams.get('ticket')!;
      const answer = await validate(ticket);
      expect(answer.authenticationSuccess.user).toBe(other);
      expect(answer.authenticationSuccess.attributes.firstName).toBe("D'Arcy & <b>Co</b>");
      const welcome = await client.get(
        `/europass/callback?ticket=${await ticketFor(client, EUROPASS, 'darcy@example.eu')}`,
      );
      expect(welcome.body).toContain('Welcome, D&#39;Arcy &amp; &lt;b&gt;Co&lt;/b&gt; O&#39;Neil</h1>');
      expect(welcome.body).not.toMatch(/&amp;(#39|amp|lt|apos);/);
    });

    it('logs out through /cas/logout and returns to a registered service', async () => {
      const client = t.client();
      await ticketFor(client);
      const out = await client.get(`/cas/logout?service=${encodeURIComponent(`${PUBLIC_URL}/europass/`)}`);
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toBe(`${PUBLIC_URL}/europass/`);
      expect((await client.get(`/cas/login?service=${encodeURIComponent(EUROPASS)}`)).statusCode).toBe(200);
      // An unregistered return address is not followed (no open redirect).
      expect((await client.get('/cas/logout?service=https%3A%2F%2Fevil.example%2F')).statusCode).toBe(200);
    });

    it.each([
      ['a line feed', `${PUBLIC_URL}/europass/%0Aset-cookie:x=1`],
      ['a carriage return', `${PUBLIC_URL}/europass/%0D%0Ax`],
      ['a line separator (U+2028)', `${PUBLIC_URL}/europass/%E2%80%A8`],
      ['a tab', `${PUBLIC_URL}/europass/%09x`],
    ])('answers a logout whose service holds %s with its own page, never a 500 (CSP set)', async (_what, service) => {
      const out = await t.client().get(`/cas/logout?service=${encodeURIComponent(decodeURIComponent(service))}`);
      expect(out.statusCode).toBe(200);
      expect(out.headers['content-security-policy']).toBeDefined();
      expect(out.headers.location).toBeUndefined();
    });

    it('follows a registered service spelled with full-width dots, to its normal form', async () => {
      const spelled = PUBLIC_URL.replace('localhost', 'ｌｏｃａｌｈｏｓｔ');
      const out = await t.client().get(`/cas/logout?service=${encodeURIComponent(`${spelled}/europass/`)}`);
      expect(out.statusCode).toBe(303);
      expect(out.headers.location).toBe(`${PUBLIC_URL}/europass/`);
    });

    it.each([
      ['a sibling path', 'https://bare.example/app-admin/'],
      ['a path with a dot', 'https://bare.example/app.evil'],
      ['an encoded dot-segment', 'https://strict.example/app/..%2fadmin/'],
      ['an encoded backslash', 'https://strict.example/app/%5c..%5cadmin'],
    ])('refuses %s of a registered service path (matched on segment boundaries)', async (_what, service) => {
      const res = await t.app.inject({ method: 'GET', url: `/cas/login?service=${encodeURIComponent(service)}` });
      expect(res.statusCode).toBe(400);
      // And below the registered path on a boundary is the service's.
      const ok = await t.app.inject({
        method: 'GET',
        url: `/cas/login?service=${encodeURIComponent('https://bare.example/app/deep/page')}`,
      });
      expect(ok.statusCode).toBe(200);
      const exact = await t.app.inject({
        method: 'GET',
        url: `/cas/login?service=${encodeURIComponent('https://bare.example/app')}`,
      });
      expect(exact.statusCode).toBe(200);
    });
  });
}
