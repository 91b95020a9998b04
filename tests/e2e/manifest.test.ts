/** What the built extensions ask for: least privilege, as docs/permissions.md explains it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DEVELOPMENT_EXTENSION_KEY } from '../../src/core/development-extension';

const manifests = () =>
  [
    ['chrome', inject('chromeExtensionDir')],
    ['firefox', inject('firefoxExtensionDir')],
  ].map(([name, dir]) => [name, JSON.parse(fs.readFileSync(path.join(dir!, 'manifest.json'), 'utf8'))] as const);

const PERMISSIONS = ['activeTab', 'alarms', 'contextMenus', 'downloads', 'notifications', 'scripting', 'storage'];

describe('built manifests', () => {
  it('allow WebAssembly (Argon2id) but no eval of strings and no remote script, and offer the fill shortcut', () => {
    for (const [, manifest] of manifests()) {
      expect(manifest.content_security_policy).toEqual({
        extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
      });
      expect(manifest.commands['fill-otp-code']).toEqual({
        suggested_key: { default: 'Alt+Shift+O' },
        description: '__MSG_fillOtpCommand__',
      });
    }
  });

  it('ask for no host access at install beyond the development content script, and no <all_urls>', () => {
    for (const [, manifest] of manifests()) {
      expect(manifest.manifest_version).toBe(3);
      expect(manifest.permissions.sort()).toEqual(PERMISSIONS);
      // Development servers only (the reference server on localhost, look-alike test sites on *.localhost).
      expect(manifest.host_permissions).toEqual(['http://localhost/*', 'http://*.localhost/*']);
      expect(manifest.content_scripts.map((c: { matches: string[] }) => c.matches)).toEqual([['http://localhost/*']]);
      expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
      expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    }
  });

  it('ship store builds with no localhost access, no fixed key, and the content script left to run-time registration', () => {
    const store = inject('storeManifests');
    for (const browser of ['chrome', 'firefox']) {
      const manifest = JSON.parse(store[browser]!);
      expect(manifest.host_permissions ?? []).toEqual([]);
      expect(manifest.content_scripts).toBeUndefined();
      expect(manifest.key).toBeUndefined();
      expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
      expect(manifest.permissions.sort()).toEqual(PERMISSIONS);
      expect(JSON.stringify(manifest)).not.toMatch(/localhost|<all_urls>/);
    }
    // The development build for Chrome carries the fixed key, so its id is known to the server.
    const chrome = manifests().find(([name]) => name === 'chrome')![1];
    expect(chrome.key).toBe(DEVELOPMENT_EXTENSION_KEY);
  });

  it('justify every permission in docs/permissions.md', () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/permissions.md'), 'utf8');
    for (const [, manifest] of manifests()) {
      for (const permission of manifest.permissions) expect(doc).toContain(`\`${permission}\``);
    }
  });

  it('give Firefox its add-on id and declare that no data is collected', () => {
    const firefox = manifests().find(([name]) => name === 'firefox')![1];
    expect(firefox.browser_specific_settings.gecko).toMatchObject({
      id: 'sidekey@sidekey.app',
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('pass web-ext lint on Firefox with no error, and only the warnings docs/permissions.md explains', () => {
    const dir = inject('firefoxExtensionDir');
    const bin = path.resolve(import.meta.dirname, '../../node_modules/.bin/web-ext');
    // web-ext exits non-zero on errors only; its JSON report is on stdout either way.
    let out: string;
    try {
      out = execFileSync(bin, ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], {
        encoding: 'utf8',
      });
    } catch (error) {
      out = (error as { stdout: string }).stdout;
    }
    const report = JSON.parse(out) as { errors: unknown[]; warnings: { code: string }[] };
    expect(report.errors).toEqual([]);
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/permissions.md'), 'utf8');
    const explained = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    for (const warning of report.warnings) expect(explained).toContain(warning.code);
  });
});
