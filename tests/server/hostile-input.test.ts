/**
 * Every form route against malformed, oversized, mistyped and hostile bodies:
 * a clear 4xx, never a 500, and nothing written to the store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/server/app';
import { smtpSinkForThisFile } from '../fixtures/smtp-sink';
import { backends } from '../fixtures/stores';
import { createAccount, GOOD_PASSWORD, signIn, startTestApp, type TestApp } from '../fixtures/test-app';

const FORM = 'application/x-www-form-urlencoded';

/** Behind sign-in: an anonymous caller with the form's token is sent to the sign-in page (303) before the form is read. */
const SIGNED_IN_ROUTES = [
  '/cas/account/password',
  '/cas/mobile',
  '/cas/mobile/reauth',
  `/cas/devices/${'A'.repeat(22)}/rename`,
  `/cas/devices/${'A'.repeat(22)}/remove`,
  '/cas/mobile/approval',
  '/cas/security-keys/new',
  '/cas/security-keys',
  '/cas/security-keys/reauth',
  `/cas/security-keys/${'A'.repeat(22)}/rename`,
  `/cas/security-keys/${'A'.repeat(22)}/remove`,
];
/** Second steps of a sign-in: without a sign-in in progress in this browser, "this sign-in has expired" (410). */
const STEP_ROUTES = ['/cas/login/qr', '/cas/login/push', '/cas/login/push/device', '/cas/login/webauthn'];
const FORM_ROUTES = [
  ...SIGNED_IN_ROUTES,
  '/cas/register',
  '/cas/password/new',
  '/cas/password/request',
  '/cas/login',
  '/cas/logout',
  '/cas/login/passkey',
  `/oidc/interaction/${'A'.repeat(21)}`,
  ...STEP_ROUTES,
];
/** The extension's JSON API: malformed bodies get a JSON 4xx. */
const API_ROUTES = [
  `/api/enrolments/${'A'.repeat(22)}/complete`,
  `/api/devices/${'A'.repeat(22)}/confirm`,
  `/api/devices/${'A'.repeat(22)}/remove`,
  `/api/devices/${'A'.repeat(22)}/requests`,
  `/api/push/${'A'.repeat(22)}/answer`,
];
const API_BODIES: [string, string, Buffer | string][] = [
  ['broken JSON', 'application/json', '{"deviceId":'],
  ['JSON of the wrong shape', 'application/json', '{"deviceId":{"$ne":1},"decision":"approve"}'],
  ['a JSON array', 'application/json', '[1,2,3]'],
  ['a deeply nested JSON', 'application/json', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['an oversized body', 'application/json', `{"a":"${'a'.repeat(BODY_LIMIT_BYTES)}"}`],
  ['a form body', FORM, 'decision=approve'],
  ['a text/plain body', 'text/plain', '{}'],
];

const BODIES: [string, string, Buffer | string, number[]][] = [
  ['broken %-escapes', FORM, 'firstName=%E0%A4%A&csrf=x', [400]],
  ['invalid UTF-8 bytes', FORM, Buffer.from([0x66, 0x3d, 0xc3, 0x28]), [400]],
  ['%-escapes that decode to invalid UTF-8', FORM, 'f=%C3%28', [400]],
  ['an oversized body', FORM, `f=${'a'.repeat(BODY_LIMIT_BYTES + 1)}`, [413]],
  ['too many fields', FORM, Array.from({ length: 51 }, (_, i) => `f${i}=1`).join('&'), [400]],
  ['a text/plain body', 'text/plain', 'step=identifier', [415]],
  ['an XML body', 'application/xml', '<a/>', [415]],
  ['JSON of the wrong shape', 'application/json', '{"step":["identifier"],"identifier":{"$ne":1}}', [415]],
  ['broken JSON', 'application/json', '{"step":', [415]],
  ['a well-formed JSON form', 'application/json', '{"step":"identifier","identifier":"a@example.eu"}', [415]],
  [
    'multipart form data',
    'multipart/form-data; boundary=x',
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    [415],
  ],
  ['an empty form', FORM, '', [400, 403]],
  ['control characters', FORM, 'step=identifier&identifier=a%00b&firstName=%07', [400, 403]],
];

/** Every POST path the app serves, read from Fastify's route tree (`printRoutes`), parameters as written. */
function postPaths(tree: string): string[] {
  const stack: string[] = [];
  const paths: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    if (m[3]!.split(', ').includes('POST')) paths.push(stack.join(''));
  }
  return paths;
}

const withIds = (route: string) => route.replace(/:id/g, 'A'.repeat(22)).replace(/:uid/g, 'A'.repeat(21));

const sink = smtpSinkForThisFile();

for (const backend of backends) {
  describe(`hostile input [${backend.name}]`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await startTestApp(backend, sink);
    });
    afterEach(() => t.close());

    const counts = async () => {
      const out: Record<string, number> = {};
      for (const table of [
        'users',
        'sessions',
        'email_tokens',
        'cas_tickets',
        'activity',
        'push_requests',
        'devices',
      ]) {
        out[table] = Number((await t.store.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
      }
      return out;
    };

    for (const route of FORM_ROUTES) {
      it.each(BODIES)(
        `POST ${route} with %s answers 4xx and writes nothing`,
        async (_name, type, payload, statuses) => {
          const before = await counts();
          const res = await t.app.inject({ method: 'POST', url: route, payload, headers: { 'content-type': type } });
          // A well-formed body without the CSRF token is refused first (403); routes behind sign-in may send the caller to sign in.
          const expected =
            SIGNED_IN_ROUTES.includes(route) && res.statusCode === 303
              ? [303]
              : STEP_ROUTES.includes(route)
                ? [...statuses, 410]
                : statuses;
          expect(expected).toContain(res.statusCode);
          expect(res.body).not.toMatch(/at .+\.ts:\d+|stack/i);
          expect(await counts()).toEqual(before);
        },
      );
    }

    for (const route of API_ROUTES) {
      it.each(API_BODIES)(
        `POST ${route} with %s answers a JSON 4xx and writes nothing`,
        async (_name, type, payload) => {
          const before = await counts();
          const res = await t.app.inject({ method: 'POST', url: route, payload, headers: { 'content-type': type } });
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          expect(res.json()).toMatchObject({ error: expect.any(String) });
          expect(await counts()).toEqual(before);
        },
      );
    }

    it('covers every POST route the app serves: the lists above are complete', () => {
      const served = postPaths(t.app.printRoutes({ method: 'POST', commonPrefix: false })).map(withIds);
      expect(served.length).toBeGreaterThan(20);
      // `*`: the OpenID Provider's own endpoints under /oidc/ (its hostile-input suite is oidc-hostile.test.ts).
      expect(served.filter((r) => !r.startsWith('/api/') && r !== '*').sort()).toEqual([...FORM_ROUTES].sort());
      expect(served.filter((r) => r.startsWith('/api/') && !r.includes('/webauthn/')).sort()).toEqual(
        [...API_ROUTES].sort(),
      );
    });

    it.each(FORM_ROUTES)(
      'POST %s refuses a form without its CSRF token, or from another origin (403), signed in and writing nothing',
      async (route) => {
        const client = t.client();
        await createAccount(t, sink, { firstName: 'Ida', lastName: 'Berg', email: 'ida@example.eu' });
        await signIn(client, 'ida@example.eu');
        const before = await counts();
        const fields = { step: 'identifier', identifier: 'ida@example.eu', name: 'x', password: GOOD_PASSWORD };
        const missing = await client.post(route, fields, { csrf: false });
        expect(missing.statusCode).toBe(403);
        expect(missing.body).toContain('Your session has expired. Please try again.');
        const foreign = t.client({ origin: 'https://evil.example' });
        for (const [name, value] of client.cookies) foreign.cookies.set(name, value);
        expect((await foreign.post(route, fields)).statusCode).toBe(403);
        expect(await counts()).toEqual(before);
      },
    );

    it.each([
      ['/cas/login/push/status?tx[]=x'],
      ['/cas/login/push/status?tx=%00&wait=1'],
      [`/cas/login/push/status?tx=${'A'.repeat(5000)}`],
      ['/api/devices/channel'],
      ['/cas/login?service[]=x'],
      ['/cas/login?service=%ZZ'],
      ['/cas/password/new?token[]=a&token[]=b'],
      ['/cas/password/new?token=%00%01'],
      ['/europass/callback?ticket[]=x'],
      ['/cas/serviceValidate?service[x]=1'],
      [`/cas/login?service=${'%41'.repeat(5000)}`],
    ])('GET %s answers 4xx or a page, never a 500', async (url) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBeLessThan(500);
    });

    it('checks each route’s declared inputs (its schema) before the handler: a 400 in its scope’s shape, nothing written', async () => {
      const before = await counts();
      // A form with its CSRF token, but not what the route takes (no such step).
      const client = t.client();
      await client.get('/cas/login');
      const form = await client.post('/cas/login', { step: 'elsewhere', identifier: 'a@example.eu' });
      expect(form.statusCode).toBe(400);
      expect(form.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(form.body).toContain('The form is incomplete or malformed');
      // The API: a well-formed signed body for an id that is no id, and a good id with a body of the wrong shape.
      const signed = { timestamp: Date.now(), nonce: 'A'.repeat(22), signature: 'A'.repeat(86) };
      for (const [url, payload] of [
        ['/api/devices/not-an-id/confirm', signed],
        [`/api/devices/${'A'.repeat(22)}/confirm`, { ...signed, timestamp: 'now' }],
      ] as const) {
        const api = await t.app.inject({ method: 'POST', url, payload });
        expect(api.statusCode).toBe(400);
        expect(api.json()).toEqual({ error: 'The request was not valid.', code: 'invalid' });
      }
      // A waiting page's status with its parameter twice: JSON, like the rest of its scope.
      const poll = await t.app.inject({ method: 'GET', url: '/cas/login/push/status?tx=a&tx=b&wait=1' });
      expect(poll.statusCode).toBe(400);
      expect(poll.json()).toMatchObject({ code: 'invalid' });
      expect(await counts()).toEqual(before);
    });

    it('checks the CSRF token before the route’s schema: a cross-site form is refused as such, whatever it holds', async () => {
      const foreign = t.client({ origin: 'https://evil.example' });
      await foreign.get('/cas/login');
      const res = await foreign.post('/cas/login', { step: 'elsewhere' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Your session has expired. Please try again.');
    });

    it('answers page errors as HTML and machine errors as JSON', async () => {
      const page = await t.app.inject({
        method: 'POST',
        url: '/cas/login',
        payload: 'f=%C3%28',
        headers: { 'content-type': FORM },
      });
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('The form data is malformed');
      const api = await t.app.inject({ method: 'GET', url: '/health/nope' });
      expect(api.json()).toEqual({ error: 'Not found', code: 'not-found' });
    });
  });
}
