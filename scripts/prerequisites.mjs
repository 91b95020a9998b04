// What the test command needs from the machine beyond npm packages, and how to
// get it. Plain Node (no dependencies): it runs before `npm ci` has.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/**
 * The machine's programs the tests drive: the two browsers, oathtool (the OTP codes' second
 * opinion), nginx (the reverse proxy production puts in front of the server), Apache httpd with mod_dav (a real
 * WebDAV server for the automatic backups) and Python with
 * `cryptography` (an Aegis vault decrypted by code that is not ours). `probe`: arguments the
 * program must run with, for a part of it the package brings (a Python module).
 */
export const PROGRAMS = {
  chromium: { env: 'SIDEKEY_CHROMIUM', path: '/usr/bin/chromium', apt: 'chromium' },
  firefox: { env: 'SIDEKEY_FIREFOX', path: '/usr/bin/firefox-esr', apt: 'firefox-esr' },
  oathtool: { env: 'SIDEKEY_OATHTOOL', path: '/usr/bin/oathtool', apt: 'oathtool' },
  nginx: { env: 'SIDEKEY_NGINX', path: '/usr/sbin/nginx', apt: 'nginx' },
  apache2: { env: 'SIDEKEY_APACHE2', path: '/usr/sbin/apache2', apt: 'apache2' },
  python3: {
    env: 'SIDEKEY_PYTHON3',
    path: '/usr/bin/python3',
    apt: 'python3-cryptography',
    probe: ['-c', 'import cryptography.hazmat.primitives.kdf.scrypt'],
  },
};

export class MissingPrerequisite extends Error {
  name = 'MissingPrerequisite';
}

/** The program's executable (a browser, oathtool), or a MissingPrerequisite saying how to get it. */
export function findProgram(name) {
  const { env, path, apt, probe } = PROGRAMS[name];
  const file = process.env[env] || path;
  if (isExecutable(file) && (!probe || runs(file, probe))) return file;
  throw new MissingPrerequisite(
    `${name} not found at ${file}: install it with "sudo apt-get install ${apt}" or set ${env} to its executable`,
  );
}

function runs(file, args) {
  try {
    execFileSync(file, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Installs missing browsers and oathtool with apt-get when running as root on Debian; otherwise explains. */
export function ensurePrograms(log = console.log) {
  const missing = Object.keys(PROGRAMS).filter((name) => {
    try {
      findProgram(name);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return;
  const packages = missing.map((name) => PROGRAMS[name].apt);
  const canInstall = process.getuid?.() === 0 && isExecutable('/usr/bin/apt-get');
  if (!canInstall) {
    throw new MissingPrerequisite(
      `missing ${missing.join(' and ')}: install with "sudo apt-get install ${packages.join(' ')}" and run again`,
    );
  }
  log(`Installing ${packages.join(' ')} with apt-get (once per machine)…`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  for (const name of missing) findProgram(name);
}

/** True when something accepts TCP connections on host:port within the timeout. */
export function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Makes sure the PostgreSQL the store tests use is up. Starts the local
 * cluster when it is down and this machine has one (Debian's pg_ctlcluster).
 */
export async function ensurePostgres(url, log = console.log) {
  const { hostname, port } = new URL(url);
  const host = hostname || '127.0.0.1';
  const portNumber = Number(port || 5432);
  if (await canConnect(host, portNumber)) return;
  const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
  if (versions.length > 0 && isExecutable('/usr/bin/pg_ctlcluster')) {
    log(`Starting PostgreSQL ${versions[0]} (it was not running)…`);
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start'], { stdio: 'inherit' });
    for (let i = 0; i < 20; i++) {
      if (await canConnect(host, portNumber)) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new MissingPrerequisite(
    `PostgreSQL is not reachable at ${host}:${portNumber}: start it (Debian: "pg_ctlcluster <version> main start"), ` +
      'point SIDEKEY_TEST_DATABASE_URL at one, or set SIDEKEY_SKIP_POSTGRES=1 to test the SQLite store only',
  );
}
