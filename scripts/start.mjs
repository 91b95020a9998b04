#!/usr/bin/env node
// `npm start`: installs dependencies, builds and zips the extension for Chrome
// and Firefox, starts the reference server on the embedded SQLite store, and
// says what to open and what to load. Ctrl+C stops the server.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureDependencies, root, runBin } from './dependencies.mjs';

ensureDependencies();
for (const browser of ['chrome', 'firefox']) {
  console.log(`\n▶ Building the extension for ${browser}`);
  // The store package first (`wxt zip`, production: no localhost access, plus the sources zip for
  // Firefox), then the development build into .output/<browser>-mv3, the folder to load unpacked.
  runBin('wxt', ['zip', '-b', browser]);
  runBin('wxt', ['build', '-b', browser, '--mode', 'development']);
}

const env = { ...process.env };
const port = env.PORT || '8080';
const url = env.PUBLIC_URL || `http://localhost:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
server.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));

// Print the banner once the server answers, so the URL shown is one that works.
for (let i = 0; i < 100 && server.exitCode === null; i++) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    if (res.ok) {
      const health = await res.json();
      console.log(`
Sidekey is running.
  Reference server:  ${url}   (store: ${health.store}${health.store === 'sqlite' ? ', data/sidekey.sqlite' : ''})
  Chrome / Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked" →
                     ${path.join(root, '.output/chrome-mv3')}
  Firefox:           open about:debugging#/runtime/this-firefox, "Load Temporary Add-on…" →
                     ${path.join(root, '.output/firefox-mv3/manifest.json')}
  Packages:          ${path.join(root, '.output')}/sidekey-*.zip   (store builds: no localhost access)
  Mail outbox:       ${url}/dev/outbox   (no SMTP_URL: mails stay here, for this machine only)
  Europass (demo):   ${url}/europass/   (CAS)
  EUSurvey (demo):   ${url}/eusurvey/   (OpenID Connect, MEDIUM; issuer ${url}/oidc)
  Security keys from the popup: Chrome's development build has a fixed id, accepted in development
                     mode; for Firefox set WEBAUTHN_EXTRA_ORIGINS=moz-extension://<uuid from about:debugging>
Press Ctrl+C to stop.
`);
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
