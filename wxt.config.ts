import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { deferredLibraries } from './scripts/deferred-libraries.mjs';
import { DEVELOPMENT_EXTENSION_KEY, FIREFOX_ADDON_ID } from './src/core/development-extension';

// https://wxt.dev/api/config.html
export default defineConfig({
  // Explicit imports everywhere: a reader sees where `browser` and `defineBackground` come from.
  imports: false,
  manifestVersion: 3,
  // No Preact devtools or debug checks in any build: the development build is what `npm start`
  // users load, and it should run as the store build does.
  // jsQR and the public-suffix list run on first use, not at every worker start; in Chrome's service
  // worker they are files of their own, imported when first needed (scripts/deferred-libraries.mjs).
  vite: (env) => ({
    plugins: [
      deferredLibraries({ serviceWorker: env.browser !== 'firefox' }),
      preact({ devToolsEnabled: false, prefreshEnabled: false }),
    ],
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    // What addons.mozilla.org needs to rebuild the add-on, and never the local server's data (its
    // secret key, store, outbox) or measurements.
    excludeSources: ['data/**', 'bench/results/**', '.ci/**', '**/*.sqlite*', '**/secret.key'],
  },
  // One folder per browser whatever the mode: `npm start` zips the store build, then builds the
  // development build into the folder to load unpacked.
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}',
  hooks: {
    // The store build (production mode, what `wxt zip` packs) matches no page in its manifest: the
    // content script is registered at run time for each enrolled origin the user grants
    // (background/server-access.ts). The development build keeps the localhost match.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'development') delete manifest.content_scripts;
    },
  },
  manifest: ({ browser, mode }) => ({
    // The development build's fixed Chrome id (src/core/development-extension.ts); never in a store build.
    ...(mode === 'development' && browser !== 'firefox' && { key: DEVELOPMENT_EXTENSION_KEY }),
    // Localised from public/_locales (en, fr, de), as the stores show them.
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    // Every permission is justified in docs/permissions.md.
    permissions: ['storage', 'activeTab', 'scripting', 'notifications', 'alarms', 'contextMenus', 'downloads'],
    // Fill a one-time code into the focused field of the account's site (docs/otp-accounts.md §4).
    commands: {
      'fill-otp-code': { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_fillOtpCommand__' },
    },
    // Asked for one enrolled server at a time, never all at once.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Development builds only, like the content script's match (docs/permissions.md): the
    // reference server on localhost, whose RP ID the popup may then claim for WebAuthn. A store
    // build asks for nothing at install; each enrolled server is granted on its own.
    // `*.localhost` too (RFC 6761 §6.3: the machine itself), so one-time-code accounts of look-alike
    // development sites can be tried and tested without a prompt.
    host_permissions: mode === 'development' ? ['http://localhost/*', 'http://*.localhost/*'] : [],
    action: { default_title: 'Sidekey' },
    // The default policy plus 'wasm-unsafe-eval': Argon2id runs as WebAssembly (hash-wasm) in the
    // background (docs/otp-accounts.md §3). Still no eval of strings, no remote script.
    content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';" },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: FIREFOX_ADDON_ID,
          strict_min_version: '140.0',
          // Sidekey sends nothing anywhere but the login servers the user enrols with.
          data_collection_permissions: { required: ['none'] },
        },
        // Firefox for Android knows data_collection_permissions from 142 (web-ext lint).
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
