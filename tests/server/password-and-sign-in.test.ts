/** The password link, the two sign-in steps, throttling and My Account — on each store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAILS_PER_ADDRESS_PER_HOUR, PASSWORD_LINK_TTL_MS } from '../../src/server/domain/accounts';
import { FREE_FAILURES } from '../../src/server/store/throttles';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/server/web/plugins/session';
import { linkIn, smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { seedUser } from '../fixtures/users';
import {
  createAccount,
  GOOD_PASSWORD,
  PUBLIC_URL,
  signIn,
  startTestApp,
  submitRegistration,
  type TestApp,
} from '../fixtures/test-app';

const sink = smtpSinkForThisFile();

for (const backend of backends) {
  describe(`password link [${backend.name}]`, () => {
    let t: TestApp;
    let link: string;
    const email = 'ben@example.eu';
    beforeEach(async () => {
      t = await startTestApp(backend, sink);
      await submitRegistration(t.client(), { firstName: 'Ben', lastName: 'Meyer', email });
      link = linkIn(await sink.nextFor(email), PUBLIC_URL).slice(PUBLIC_URL.length);
    });
    afterEach(() => t.close());
    const token = () => new URL(link, PUBLIC_URL).searchParams.get('token')!;

    it('shows the guide’s page: identifier, fields, policy, three fresh samples each time', async () => {
      const client = t.client();
      const first = await client.get(link);
      expect(first.statusCode).toBe(200);
      for (const text of [
        'New password',
        'Please choose your new password.',
        'Confirm new password',
        'Submit',
        '(External)',
        'Upper Case: A to Z',
        'Generate other sample passwords',
      ]) {
        expect(first.body).toContain(text);
      }
      const samples = client.attr(/data-testid="samples">([^<]+)</).split(' ');
      expect(samples).toHaveLength(3);
      await client.get(link);
      expect(client.attr(/data-testid="samples">([^<]+)</).split(' ')).not.toEqual(samples);
    });

    it.each([
      ['short1A', 'The password must contain at least 8 characters.'],
      ['alllowercase', 'at least three of the four groups'],
      ['Dollar$ign1', 'may contain only letters'],
    ])('refuses %s with the reason, and the link still works', async (password, reason) => {
      const client = t.client();
      await client.get(link);
      const res = await client.post('/cas/password/new', { token: token(), password, confirm: password });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(reason);
      expect((await t.store.users.byEmail(email))!.passwordHash).toBeNull();
      expect((await client.get(link)).statusCode).toBe(200);
    });

    it('refuses a password containing the unique identifier or the e-mail name', async () => {
      const client = t.client();
      await client.get(link);
      const uid = client.attr(/<span class="uid">([^<]+)</);
      for (const password of [`Xy!${uid.toUpperCase()}`, 'Ben@Home 2024']) {
        const res = await client.post('/cas/password/new', { token: token(), password, confirm: password });
        expect(res.body).toContain('The password cannot include your username.');
      }
    });

    it('refuses mismatching confirmation', async () => {
      const client = t.client();
      await client.get(link);
      const res = await client.post('/cas/password/new', {
        token: token(),
        password: GOOD_PASSWORD,
        confirm: `${GOOD_PASSWORD}x`,
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('The passwords do not match.');
    });

    it('sets the password with Argon2id once; the link is then used up', async () => {
      const client = t.client();
      await client.get(link);
      const res = await client.post('/cas/password/new', {
        token: token(),
        password: GOOD_PASSWORD,
        confirm: GOOD_PASSWORD,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Proceed');
      expect((await t.store.users.byEmail(email))!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      const again = await client.post('/cas/password/new', {
        token: token(),
        password: 'Other pass 99',
        confirm: 'Other pass 99',
      });
      expect(again.statusCode).toBe(410);
      expect((await client.get(link)).body).toContain('This link is no longer valid');
    });

    it('lets exactly one of two concurrent uses of a link win', async () => {
      const a = t.client();
      const b = t.client();
      await a.get(link);
      await b.get(link);
      const results = await Promise.all([
        a.post('/cas/password/new', { token: token(), password: 'First pass 11', confirm: 'First pass 11' }),
        b.post('/cas/password/new', { token: token(), password: 'Second pass 22', confirm: 'Second pass 22' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    });

    it('expires after 24 hours; the same link then asks for the username and mails a new one', async () => {
      t.clock.advance(PASSWORD_LINK_TTL_MS + 1);
      const client = t.client();
      const expired = await client.get(link);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('Enter your username to receive a new one');
      const sent = await client.post('/cas/password/request', { identifier: email });
      expect(sent.body).toContain('a new e-mail with a link to create your password is on its way');
      const mail = await sink.nextFor(email);
      expect(mail.subject).toBe('EU Login: your new password link');
      const fresh = linkIn(mail, PUBLIC_URL).slice(PUBLIC_URL.length);
      expect((await client.get(fresh)).statusCode).toBe(200);
    });

    it('answers the same for an unknown username, and sends nothing', async () => {
      const client = t.client();
      await client.get('/cas/password/request');
      const before = sink.mails.length;
      const res = await client.post('/cas/password/request', { identifier: 'nobody@example.eu' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('If this username belongs to an account');
      await t.idle();
      expect(sink.mails.length).toBe(before);
    });

    it('counts look-alike spellings of one identifier against one reset quota', async () => {
      const [local, domain] = email.split('@') as [string, string];
      const fullWidth = (text: string) =>
        text.replace(/[a-z]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0));
      const spellings = [
        email,
        email.toUpperCase(),
        `${fullWidth(local)}@${domain}`,
        `${local}@${fullWidth(domain)}`,
        `${local}＠${domain}`,
      ];
      const client = t.client({}, '192.0.2.9');
      await client.get('/cas/password/request');
      const seen: number[] = [];
      for (const identifier of spellings)
        seen.push((await client.post('/cas/password/request', { identifier })).statusCode);
      expect(seen).toEqual([200, 200, 200, 429, 429]);
      await t.idle();
      for (let i = 0; i < MAILS_PER_ADDRESS_PER_HOUR - 1; i++) await sink.nextFor(email);
    });

    it('answers known and unknown identifiers with the same statuses and the same work on the requests’ event loop', async () => {
      // The quota: per typed identifier, whoever it names (each sequence from its own address).
      const statuses = async (identifier: string, ip: string) => {
        const client = t.client({}, ip);
        await client.get('/cas/password/request');
        const seen: number[] = [];
        for (let i = 0; i < MAILS_PER_ADDRESS_PER_HOUR + 2; i++) {
          seen.push((await client.post('/cas/password/request', { identifier })).statusCode);
        }
        return seen;
      };
      const known = await statuses(email, '192.0.2.1');
      const unknown = await statuses('nobody@example.eu', '192.0.2.2');
      expect(known).toEqual(unknown);
      expect(known).toEqual([200, 200, 200, 429, 429]);
      await t.idle();
      // Taken, so the next suite on this sink does not mistake them for its own.
      for (let i = 0; i < MAILS_PER_ADDRESS_PER_HOUR - 1; i++) await sink.nextFor(email);
      const mailsBefore = sink.mails.length;

      // The same work on the requests' event loop, whoever the identifier names: the store calls
      // made there before the answer and after it until the mail has gone, known and unknown alike
      // (timing itself is `npm run bench`'s to measure on these shared machines). The lookup, the
      // link and the mail happen in the mail sender's thread, on its own store connection. Before,
      // a known identifier's lookup, token and mail ran here just after the answer, where a
      // request right after could time them. Each request is for a fresh identifier from a fresh
      // address, the work of the one before finished.
      const calls: string[] = [];
      let recording = false;
      const repos = t.store as unknown as Record<string, Record<string, unknown>>;
      const originals: [Record<string, unknown>, string, unknown][] = [];
      for (const [repoName, repo] of Object.entries(repos)) {
        if (!repo || typeof repo !== 'object' || repoName === 'sql' || repoName === 'events') continue;
        for (const [method, fn] of Object.entries(repo)) {
          if (typeof fn !== 'function') continue;
          originals.push([repo, method, fn]);
          repo[method] = (...args: unknown[]) => {
            if (recording) calls.push(`${repoName}.${method}`);
            return (fn as (...a: unknown[]) => unknown).apply(repo, args);
          };
        }
      }
      const onRequestPath: Record<'known' | 'unknown', string[][]> = { known: [], unknown: [] };
      try {
        for (let i = 0; i < 5; i++) {
          for (const kind of ['known', 'unknown'] as const) {
            const address = `timing-${kind}-${i}@example.eu`;
            if (kind === 'known') {
              await t.store.users.create({
                uid: `n00tm${String(i).padStart(3, '0')}`,
                email: address,
                firstName: 'T',
                lastName: 'M',
                language: 'en',
                createdAt: t.clock.now,
              });
            }
            const client = t.client({}, `198.18.${i}.${kind === 'known' ? 1 : 2}`);
            await client.get('/cas/password/request');
            calls.length = 0;
            recording = true;
            const res = await client.post('/cas/password/request', { identifier: address });
            await t.idle();
            recording = false;
            onRequestPath[kind].push([...calls]);
            expect(res.statusCode).toBe(200);
          }
        }
      } finally {
        for (const [repo, method, fn] of originals) repo[method] = fn;
      }
      expect(onRequestPath.known[0]!.length).toBeGreaterThan(0);
      expect(onRequestPath.known).toEqual(onRequestPath.unknown);
      // The known ones did get their mail, after the answer.
      expect(sink.mails.slice(mailsBefore).map((m) => m.envelopeTo[0])).toEqual(
        Array.from({ length: 5 }, (_, i) => `timing-known-${i}@example.eu`),
      );
    });

    it('replaces the older link when a new one is requested', async () => {
      const client = t.client();
      await client.get('/cas/password/request');
      await client.post('/cas/password/request', { identifier: email });
      await sink.nextFor(email);
      expect((await client.get(link)).statusCode).toBe(410);
    });

    it.each([['not-a-token'], ['A'.repeat(43)], [''], ['%00']])(
      'treats the token %j as invalid, not as an error',
      async (bad) => {
        const res = await t.client().get(`/cas/password/new?token=${bad}`);
        expect(res.statusCode).toBe(410);
      },
    );
  });

  describe(`sign-in and My Account [${backend.name}]`, () => {
    let t: TestApp;
    let uid: string;
    const email = 'clara@example.eu';
    beforeEach(async () => {
      t = await startTestApp(backend, sink);
      uid = await createAccount(t, sink, { firstName: 'Clara', lastName: 'Rossi', email });
    });
    afterEach(() => t.close());

    it('asks for the identifier, then says "Welcome back" with the method chooser and the password', async () => {
      const client = t.client();
      expect((await client.get('/cas/login')).body).toContain('Enter your e-mail address or unique identifier');
      const step2 = await client.post('/cas/login', { step: 'identifier', identifier: email });
      for (const text of ['Welcome back', email, 'Sign in with a different e-mail address?', 'Password', 'Sign in']) {
        expect(step2.body).toContain(text);
      }
    });

    it('does not reveal whether an account exists at step 1', async () => {
      const client = t.client();
      await client.get('/cas/login');
      const known = await client.post('/cas/login', { step: 'identifier', identifier: email });
      const unknown = await client.post('/cas/login', { step: 'identifier', identifier: 'ghost@example.eu' });
      expect(unknown.statusCode).toBe(known.statusCode);
      expect(unknown.body.replaceAll('ghost@example.eu', email)).toBe(known.body);
    });

    it.each([
      ['e-mail', () => email.toUpperCase()],
      ['unique identifier', () => uid],
    ])('signs in with the %s, says no mobile device was found, and opens My Account', async (_how, identifier) => {
      const client = t.client();
      const res = await signIn(client, identifier());
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('No mobile device found. To register a mobile device, go to');
      const account = await client.get('/cas/account');
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain(`data-testid="uid">${uid}<`);
      expect(account.body).toContain('Signed in');
    });

    it('gives a new session at every sign-in, HttpOnly and SameSite=Lax', async () => {
      const client = t.client();
      await signIn(client, email);
      const first = client.cookies.get('sk_session');
      const cookie = client.last!.cookies.find((c) => c.name === 'sk_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      await signIn(client, email);
      expect(client.cookies.get('sk_session')).not.toBe(first);
      // The old session is gone.
      const stale = t.client();
      stale.cookies.set('sk_session', first!);
      expect((await stale.get('/cas/account')).statusCode).toBe(303);
    });

    it('refuses a wrong password and an unknown account with the same message', async () => {
      const wrong = await signIn(t.client(), email, 'Wrong pass 1');
      const ghost = await signIn(t.client({ 'user-agent': 'other' }), 'ghost@example.eu', 'Wrong pass 1');
      expect(wrong.statusCode).toBe(401);
      expect(ghost.statusCode).toBe(401);
      expect(wrong.body).toContain('The e-mail address, unique identifier or password is incorrect.');
      expect(ghost.body).toContain('The e-mail address, unique identifier or password is incorrect.');
    });

    it('slows, then blocks, consecutive failures for an account, and logs them', async () => {
      for (let i = 0; i < FREE_FAILURES; i++)
        expect((await signIn(t.client(), email, `Wrong pass ${i}`)).statusCode).toBe(401);
      const blocked = await signIn(t.client(), email); // even the right password waits
      expect(blocked.statusCode).toBe(429);
      expect(blocked.body).toMatch(/Too many failed attempts\. Please wait \d+ seconds? and try again\./);
      t.clock.advance(60_000);
      expect((await signIn(t.client(), email)).statusCode).toBe(200);
      const activity = await t.store.activity.recent(uid);
      expect(activity.filter((a) => a.kind === 'sign-in-failed')).toHaveLength(FREE_FAILURES);
    });

    it('counts failures per account whichever identifier is typed, from any address', async () => {
      // Alternate the e-mail (in other cases) and the unique identifier, each from a new address.
      const identifiers = [email, uid, email.toUpperCase(), ` ${uid.toUpperCase()} `];
      for (let i = 0; i < FREE_FAILURES; i++) {
        const res = await signIn(t.client({}, `198.51.100.${i + 1}`), identifiers[i]!, 'Wrong pass 1');
        expect(res.statusCode).toBe(401);
      }
      const next = await signIn(t.client({}, '198.51.100.99'), identifiers[FREE_FAILURES]!);
      expect(next.statusCode).toBe(429);
      // Another account from those addresses is not held back by them.
      const other = await seedUser(t.store, GOOD_PASSWORD);
      expect((await signIn(t.client({}, '198.51.100.1'), other.email)).statusCode).toBe(200);
    });

    it('throttles one client address across accounts', async () => {
      const client = t.client();
      for (let i = 0; i < FREE_FAILURES; i++) await signIn(client, `nobody${i}@example.eu`, 'Wrong pass 1');
      expect((await signIn(client, email)).statusCode).toBe(429);
    });

    it('shows My Account and Sign out on the home page to a signed-in user, and not to others', async () => {
      expect((await t.client().get('/')).body).not.toContain('action="/cas/logout"');
      const client = t.client();
      await signIn(client, email);
      const home = await client.get('/');
      expect(home.body).toContain('<a href="/cas/account">My Account</a>');
      expect(home.body).toMatch(
        /<form method="post" action="\/cas\/logout"[^>]*><input type="hidden" name="csrf" value="[^"]+">/,
      );
      const out = await client.post('/cas/logout', {});
      expect(out.body).toContain('You have been signed out');
      expect((await client.get('/')).body).not.toContain('action="/cas/logout"');
    });

    it('keeps My Account for signed-in users, and signs out', async () => {
      const anonymous = t.client();
      expect((await anonymous.get('/cas/account')).headers.location).toBe('/cas/login');
      const client = t.client();
      await signIn(client, email);
      await client.get('/cas/account');
      const out = await client.post('/cas/logout', {});
      expect(out.body).toContain('You have been signed out');
      expect((await client.get('/cas/account')).statusCode).toBe(303);
      const kinds = (await t.store.activity.recent(uid)).map((a) => a.kind);
      expect(kinds).toEqual(expect.arrayContaining(['account-created', 'password-set', 'sign-in', 'sign-out']));
    });

    it('ends a session after 30 minutes idle, and 12 hours after sign-in however busy', async () => {
      const idle = t.client();
      await signIn(idle, email);
      t.clock.advance(SESSION_IDLE_MS - 1000);
      expect((await idle.get('/cas/account')).statusCode).toBe(200);
      t.clock.advance(SESSION_IDLE_MS + 1);
      expect((await idle.get('/cas/account')).headers.location).toBe('/cas/login');

      const busy = t.client();
      await signIn(busy, email);
      for (let at = 0; at + SESSION_IDLE_MS / 2 < SESSION_MAX_MS; at += SESSION_IDLE_MS / 2) {
        expect((await busy.get('/cas/account')).statusCode).toBe(200);
        t.clock.advance(SESSION_IDLE_MS / 2);
      }
      t.clock.advance(SESSION_IDLE_MS / 2);
      expect((await busy.get('/cas/account')).headers.location).toBe('/cas/login');
    });

    it('changes the password after checking the current one, and ends the other sessions', async () => {
      const other = t.client({ 'user-agent': 'other browser' });
      await signIn(other, email);
      const client = t.client();
      await signIn(client, email);
      await client.get('/cas/account');
      const wrong = await client.post('/cas/account/password', {
        current: 'Nope nope 1',
        password: 'New pass 123',
        confirm: 'New pass 123',
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain('The current password is incorrect.');
      const weak = await client.post('/cas/account/password', {
        current: GOOD_PASSWORD,
        password: 'weak',
        confirm: 'weak',
      });
      expect(weak.statusCode).toBe(422);
      expect(weak.body).toContain('at least 8 characters');
      const ok = await client.post('/cas/account/password', {
        current: GOOD_PASSWORD,
        password: 'New pass 123',
        confirm: 'New pass 123',
      });
      expect(ok.body).toContain('Your password has been changed.');
      expect((await other.get('/cas/account')).statusCode).toBe(303);
      expect((await client.get('/cas/account')).statusCode).toBe(200);
      expect((await signIn(t.client(), email, 'New pass 123')).statusCode).toBe(200);
    });
  });
}
