/**
 * Vitest global setup for the end-to-end project: builds the extension once
 * for Chrome and Firefox, so every browser test loads the real build.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '../..');

export default function setup(project: TestProject) {
  for (const browser of ['chrome', 'firefox'] as const) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', browser], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  project.provide('chromeExtensionDir', path.join(root, '.output/chrome-mv3'));
  project.provide('firefoxExtensionDir', path.join(root, '.output/firefox-mv3'));
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromeExtensionDir: string;
    firefoxExtensionDir: string;
  }
}
