/**
 * The OpenID Provider under load, in its own process over loopback, on SQLite and PostgreSQL
 * (docs/oidc.md): full code flows per second with openid-client as the relying party — authorize
 * (the user's sign-in already established) → the redirect with the code → token → userinfo, four
 * browsers at once; and the token endpoint alone (codes made beforehand, 16 in flight) beside
 * `GET /health` in the same run.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as oidc from 'openid-client';
import { newToken } from '../src/server/platform/tokens';
import { authorizationRequest } from '../src/server/web/flows/oidc-client';
import { openStore, type StoreTarget } from '../src/server/store/store';
import { CLIENT_SECRET as SECRET, oidcSettings } from '../tests/fixtures/oidc';
import { dropSchema, TEST_DATABASE_URL } from '../tests/fixtures/stores';
import { seedUser } from '../tests/fixtures/users';

const PUBLIC = 'http://localhost:1';
const REDIRECT = 'https://app.example/cb';
const ENV = oidcSettings([
  {
    client_id: 'bench',
    client_name: 'Bench',
    client_secret: SECRET,
    redirect_uris: [REDIRECT],
    level: 'BASIC',
    first_party: true,
  },
]);
const FLOW_BROWSERS = 4;
const TOKEN_IN_FLIGHT = 16;

export interface OidcFigures {
  store: 'sqlite' | 'postgres';
  flowsPerSecond: number;
  tokenPerSecond: number;
  healthPerSecond: number;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  agent: http.Agent,
  port: number,
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, agent, method, path: target, headers }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A browser with cookies that follows the server's redirects until one leaves it; returns that URL. */
function browser(agent: http.Agent, port: number, sessionCookie: string) {
  const cookies = new Map<string, string>([sessionCookie.split('=') as [string, string]]);
  return async (start: URL): Promise<URL> => {
    let at = start;
    for (let hop = 0; hop < 10; hop++) {
      const res = await request(agent, port, 'GET', at.pathname + at.search, {
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      });
      for (const line of res.headers['set-cookie'] ?? []) {
        const [pair] = line.split(';');
        const [name, value] = pair!.split('=') as [string, string];
        if (/expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
      if (res.status !== 302 && res.status !== 303) throw new Error(`${res.status} at ${at.pathname}`);
      at = new URL(String(res.headers.location), PUBLIC);
      if (at.origin !== PUBLIC) return at;
    }
    throw new Error('too many redirects');
  };
}

async function benchOne(kind: 'sqlite' | 'postgres', seconds: number): Promise<OidcFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-bench-oidc-'));
  const schema = `sidekey_bench_oidc_${process.pid}`;
  const target: StoreTarget =
    kind === 'sqlite' ? { kind, file: path.join(dir, 'oidc.sqlite') } : { kind, url: TEST_DATABASE_URL, schema };
  const store = await openStore(target);
  const user = await seedUser(store, 'Bench password 42', 'oidc@example.eu');
  // The user's sign-in, already established (a session at BASIC), for each browser.
  const sessions = await Promise.all(
    Array.from({ length: FLOW_BROWSERS + 1 }, async () => {
      const token = newToken();
      await store.sessions.create(token, user.uid, 'PASSWORD', 12 * 3600_000);
      return `sk_session=${token}`;
    }),
  );
  await store.close();
  const child = fork(path.join(import.meta.dirname, 'push-server.ts'), {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_DB: target.kind === 'sqlite' ? target.file : JSON.stringify(target),
      BENCH_ENV: JSON.stringify(ENV),
    },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: TOKEN_IN_FLIGHT * 2 });
  try {
    const { port } = await new Promise<{ port: number }>((resolve) =>
      child.once('message', (m) => resolve(m as never)),
    );
    // openid-client's requests go to this process, whatever origin the issuer names.
    const viaPort: oidc.CustomFetch = (url, options) => {
      const real = new URL(url);
      real.host = `127.0.0.1:${port}`;
      return fetch(real, options as RequestInit);
    };
    const config = await oidc.discovery(new URL(`${PUBLIC}/oidc`), 'bench', SECRET, undefined, {
      execute: [oidc.allowInsecureRequests],
      [oidc.customFetch]: viaPort,
    });
    const authorizeOnce = async (follow: (u: URL) => Promise<URL>) => {
      const { url, checks } = await authorizationRequest(config, REDIRECT, { scope: 'openid email' });
      return { back: await follow(url), checks };
    };

    // Full flows: each browser authorizes, the client exchanges the code and reads userinfo, again and again.
    const flowsFor = async (ms: number) => {
      const end = performance.now() + ms;
      let done = 0;
      await Promise.all(
        sessions.slice(1).map(async (session) => {
          const follow = browser(agent, port, session);
          while (performance.now() < end) {
            const { back, checks } = await authorizeOnce(follow);
            const tokens = await oidc.authorizationCodeGrant(config, back, checks);
            await oidc.fetchUserInfo(config, tokens.access_token, user.uid);
            done++;
          }
        }),
      );
      return done / (ms / 1000);
    };
    await flowsFor(1000); // warm-up
    const flowsPerSecond = await flowsFor(seconds * 1000);

    // The token endpoint alone: codes made first, then exchanged 16 at a time.
    const follow = browser(agent, port, sessions[0]!);
    const codes: { code: string; verifier: string }[] = [];
    for (let i = 0; i < Math.max(400, Math.round(flowsPerSecond * seconds * 4)); i++) {
      const { back, checks } = await authorizeOnce(follow);
      codes.push({ code: back.searchParams.get('code')!, verifier: checks.pkceCodeVerifier });
    }
    const basic = `Basic ${Buffer.from(`bench:${SECRET}`).toString('base64')}`;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: TOKEN_IN_FLIGHT }, async () => {
        while (next < codes.length) {
          const { code, verifier } = codes[next++]!;
          const res = await request(
            agent,
            port,
            'POST',
            '/oidc/token',
            { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
            new URLSearchParams({
              grant_type: 'authorization_code',
              code,
              redirect_uri: REDIRECT,
              code_verifier: verifier,
            }).toString(),
          );
          if (res.status !== 200) throw new Error(`token: ${res.status} ${res.body}`);
        }
      }),
    );
    const tokenPerSecond = codes.length / ((performance.now() - started) / 1000);

    const healthStart = performance.now();
    let health = 0;
    await Promise.all(
      Array.from({ length: TOKEN_IN_FLIGHT }, async () => {
        while (performance.now() - healthStart < seconds * 1000) {
          if ((await request(agent, port, 'GET', '/health', {})).status === 200) health++;
        }
      }),
    );
    const healthPerSecond = health / ((performance.now() - healthStart) / 1000);
    return {
      store: kind,
      flowsPerSecond: Math.round(flowsPerSecond),
      tokenPerSecond: Math.round(tokenPerSecond),
      healthPerSecond: Math.round(healthPerSecond),
    };
  } finally {
    agent.destroy();
    child.send('exit');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
    if (kind === 'postgres') await dropSchema(schema);
  }
}

export async function benchOidc(seconds = 5): Promise<OidcFigures[]> {
  const out = [await benchOne('sqlite', seconds)];
  if (process.env.SIDEKEY_SKIP_POSTGRES !== '1') out.push(await benchOne('postgres', seconds));
  return out;
}
