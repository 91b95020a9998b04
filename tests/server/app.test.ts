import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { apiError } from '../../src/core/enrolment-api';
import { buildApp, SERVER_VERSION } from '../../src/server/app';
import { CONTENT_SECURITY_POLICY } from '../../src/server/web/plugins/security-headers';
import type { Store } from '../../src/server/store/store';
import { testConfig } from '../fixtures/config';
import { backends } from '../fixtures/stores';

for (const backend of backends) {
  describe(`app [${backend.name}]`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: FastifyInstance;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      app = await buildApp({ config: testConfig(), store });
    });
    afterEach(async () => {
      await app.close();
      await dispose();
    });

    it('reports health with the store kind, schema version and the outbox', async () => {
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        status: 'ok',
        version: SERVER_VERSION,
        store: backend.name,
        schemaVersion: store.migration.current,
        mail: { waiting: 0, failed: 0 },
      });
    });

    it('answers 503, without details, when the store is gone', async () => {
      await store.close();
      const res = await app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', version: SERVER_VERSION, store: backend.name });
      // dispose() closes again; reopen a throwaway so it has something to close.
      ({ store, dispose } = await backend.open());
    });

    it('marks its pages for the extension and sends the security headers', async () => {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<meta name="sidekey-server" content="1">');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('sends HSTS when served over HTTPS', async () => {
      const secure = await buildApp({ config: testConfig({ PUBLIC_URL: 'https://login.example.eu' }), store });
      const res = await secure.inject({ method: 'GET', url: '/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      await secure.close();
    });

    it.each([
      ['malformed JSON', 'POST', '/api/enrolments/AAAAAAAAAAAAAAAAAAAAAA/complete', 'application/json', '{', 400],
      ['the wrong media type', 'POST', '/api/push/AAAAAAAAAAAAAAAAAAAAAA/answer', 'text/plain', 'x', 415],
      [
        'a body over the limit',
        'POST',
        '/api/devices/AAAAAAAAAAAAAAAAAAAAAA/confirm',
        'application/json',
        `{"a":"${'x'.repeat(2_000_000)}"}`,
        413,
      ],
      ['an unknown API path', 'GET', '/api/nope', undefined, undefined, 404],
      ['a push long poll for no request', 'GET', '/cas/login/push/status?tx=nope&wait=0', undefined, undefined, 404],
      ['a push long poll with an array for tx', 'GET', '/cas/login/push/status?tx=a&tx=b', undefined, undefined, 400],
      ['an enrolment long poll without a session', 'GET', '/cas/mobile/enrolments/x/status', undefined, undefined, 404],
      // No POST route there: not found, its body never read.
      ['a JSON body posted to /health', 'POST', '/health', 'application/json', '{', 404],
      [
        'a form posted to the API',
        'POST',
        '/api/push/AAAAAAAAAAAAAAAAAAAAAA/answer',
        'application/x-www-form-urlencoded',
        'a=1',
        415,
      ],
    ])(
      'answers %s on a JSON route in the one JSON error shape { error, code }',
      async (_what, method, url, type, payload, status) => {
        const res = await app.inject({
          method: method as 'GET',
          url,
          payload,
          headers: type ? { 'content-type': type } : {},
        });
        expect(res.statusCode).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const body = apiError.parse(res.json());
        expect(body.code).toBeDefined();
        expect(body.error).not.toMatch(/FST_|at .*\.ts:\d+/);
      },
    );

    it.each([
      ['GET', '/nope'],
      ['POST', '/health'],
      ['GET', '/%E0%A4%A'],
      ['GET', `/${'a'.repeat(10_000)}`],
    ])('answers %s %s with a plain 4xx, never a 500', async (method, url) => {
      const res = await app.inject({ method: method as 'GET', url, payload: method === 'POST' ? '{' : undefined });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    });
  });
}

describe('cookies under HTTPS', () => {
  it('are __Host- prefixed, Secure, HttpOnly and SameSite=Lax', async () => {
    const { store, dispose } = await backends[0]!.open();
    const app = await buildApp({ config: testConfig({ PUBLIC_URL: 'https://login.example.eu' }), store });
    try {
      const res = await app.inject({ method: 'GET', url: '/cas/login' });
      const csrf = res.cookies.find((c) => c.name === '__Host-sk_csrf');
      expect(csrf).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(csrf).not.toHaveProperty('domain');
    } finally {
      await app.close();
      await dispose();
    }
  });

  it('are deleted by sign-out with the Secure a __Host- cookie needs (without it, browsers keep them)', async () => {
    const { store, dispose } = await backends[0]!.open();
    const app = await buildApp({ config: testConfig({ PUBLIC_URL: 'https://login.example.eu' }), store });
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/cas/logout',
        cookies: { '__Host-sk_session': 'x'.repeat(43) },
      });
      const session = res.cookies.find((c) => c.name === '__Host-sk_session');
      expect(session).toMatchObject({ value: '', secure: true, httpOnly: true, path: '/' });
      expect(session!.maxAge === 0 || (session!.expires as Date).getTime() < Date.now()).toBe(true);
      for (const cookie of res.cookies.filter((c) => c.name.startsWith('__Host-'))) expect(cookie.secure).toBe(true);
    } finally {
      await app.close();
      await dispose();
    }
  });
});

describe('pages that must not be cached, and the way back from a refused form', () => {
  it('keeps the new-password page (it carries the mail’s token) out of every cache', async () => {
    const { store, dispose } = await backends[0]!.open();
    const app = await buildApp({ config: testConfig(), store });
    try {
      const res = await app.inject({ method: 'GET', url: `/cas/password/new?token=${'a'.repeat(43)}` });
      expect(res.headers['cache-control']).toBe('no-store');
    } finally {
      await app.close();
      await dispose();
    }
  });

  it('never makes “Start again” a link off-site from a Referer path such as //evil.example/x', async () => {
    const { store, dispose } = await backends[0]!.open();
    const app = await buildApp({ config: testConfig(), store });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/cas/login',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          referer: 'http://localhost:8080//evil.example/x',
        },
        payload: 'identifier=x',
      });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toMatch(/href="\/\/evil/);
      expect(res.body).toContain('href="/cas/login"');
    } finally {
      await app.close();
      await dispose();
    }
  });
});
