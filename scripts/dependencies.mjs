// Installs the npm dependencies from the lock file when they are missing or
// older than it. Plain Node: runs before anything is installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

export function ensureDependencies(log = console.log) {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules/.package-lock.json');
  const fresh = fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  log('Installing npm dependencies from package-lock.json (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

/** Runs a command from node_modules/.bin in the project root; throws on a non-zero exit. */
export function runBin(bin, args, options = {}) {
  execFileSync(path.join(root, 'node_modules/.bin', bin), args, { cwd: root, stdio: 'inherit', ...options });
}
