/**
 * Vitest global setup for the end-to-end project: builds the extension once
 * for Chrome and Firefox, so every browser test loads the real build — the
 * store build first (its manifests are kept for the manifest test), then the
 * development build the tests load, as `npm start` does.
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '../..');

export default function setup(project: TestProject) {
  const wxt = (...args: string[]) =>
    execFileSync(process.execPath, [path.join(root, 'node_modules/wxt/bin/wxt.mjs'), ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  const manifest = (browser: string) =>
    fs.readFileSync(path.join(root, `.output/${browser}-mv3/manifest.json`), 'utf8');
  const store: Record<string, string> = {};
  for (const browser of ['chrome', 'firefox'] as const) {
    wxt('build', '-b', browser);
    store[browser] = manifest(browser);
    wxt('build', '-b', browser, '--mode', 'development');
  }
  project.provide('storeManifests', store);
  project.provide('chromeExtensionDir', path.join(root, '.output/chrome-mv3'));
  project.provide('firefoxExtensionDir', path.join(root, '.output/firefox-mv3'));
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromeExtensionDir: string;
    firefoxExtensionDir: string;
    /** manifest.json of the store builds (what `wxt zip` packs), by browser. */
    storeManifests: Record<string, string>;
  }
}
