/**
 * A Vite plugin for the extension's build: libraries whose code runs the first time one of their
 * exports is called, not when the script that bundles them starts.
 *
 * Why: an MV3 service worker is stopped after 30 s idle and started again for every event, and it
 * cannot `import()` anything lazily (HTML: dynamic import is disallowed in service workers). Every
 * start evaluated jsQR (its webpack modules and tables) and tldts (the Public Suffix List's trie,
 * thousands of objects built by its top-level code), though most starts — a push, an alarm, the
 * popup's first question — need neither (`npm run bench`: background worker start).
 *
 * Two ways, by where the library lands:
 * - `inline` (content scripts, pages, Firefox's background page): the library's published UMD
 *   file, unchanged, inside a function that runs once, on first use; until then the engine only
 *   pre-parses it.
 * - `worker` (Chrome's background service worker): the UMD file is emitted beside the worker
 *   (`vendor/<name>.js`) and not bundled at all, so its bytes are neither read nor deserialised at
 *   a start. The worker imports it with `importScripts` on first use. A service worker may import
 *   after its first evaluation only the scripts it imported while being installed (Service
 *   Workers §4.3.3 "importScripts", the installed-scripts map), so each library is imported once
 *   in the `install` event too.
 * The server and the unit tests import the packages as they are.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { transform } from 'esbuild';

const require = createRequire(import.meta.url);

/**
 * Each library: its UMD file; the global its UMD defines where there is no module system (what
 * `importScripts` leaves); its exports as expressions over `lib` (what the UMD exported); and
 * `workerOnly` where only the service worker's copy is replaced.
 */
export const DEFERRED_LIBRARIES = {
  // jsQR's UMD exports the function itself (webpack's entry `["default"]`).
  jsqr: { file: 'jsqr/dist/jsQR.js', global: 'jsQR', exports: { default: 'lib' } },
  tldts: {
    file: 'tldts/dist/index.umd.min.js',
    global: 'tldts',
    exports: { getDomain: 'lib.getDomain', parse: 'lib.parse' },
  },
  // The worker's Argon2id only (the vault's unlock; pages bundle the other hashes they use as usual).
  'hash-wasm': {
    file: 'hash-wasm/dist/argon2.umd.min.js',
    global: 'hashwasm',
    exports: { argon2id: 'lib.argon2id' },
    workerOnly: true,
  },
};

const PREFIX = '\0deferred:';

function wrappers(exportsByName) {
  return Object.entries(exportsByName).map(([name, expression]) => {
    const body = `{ const lib = load(); return ${expression}.apply(this, arguments); }`;
    return name === 'default' ? `export default function () ${body}` : `export function ${name}() ${body}`;
  });
}

/** The module standing for a library inline: `load()` runs the UMD once, with a CommonJS `module` of its own. */
export function deferredModule(umdSource, exportsByName) {
  return [
    'let loaded;',
    'function load() {',
    '  if (loaded === undefined) {',
    '    const module = { exports: {} };',
    // `define` undefined: the UMD takes its CommonJS branch, never AMD or a global.
    '    (function (module, exports, define) {',
    umdSource,
    '    }).call(globalThis, module, module.exports, undefined);',
    '    loaded = module.exports;',
    '  }',
    '  return loaded;',
    '}',
    ...wrappers(exportsByName),
  ].join('\n');
}

/** The module standing for a library in a service worker: imported from its own file on first use. */
export function workerModule(url, globalName, exportsByName) {
  const global = `globalThis[${JSON.stringify(globalName)}]`;
  return [
    `const url = ${JSON.stringify(url)};`,
    // Imported once while installed, so that importScripts may fetch it again at any later start.
    "self.addEventListener('install', () => importScripts(url));",
    'let loaded;',
    'function load() {',
    `  if (${global} === undefined) importScripts(url);`,
    `  return (loaded ??= ${global});`,
    '}',
    ...wrappers(exportsByName),
  ].join('\n');
}

/**
 * `serviceWorker`: whether this build's background is a service worker (Chrome's MV3), whose
 * libraries then go to their own files; its other entrypoints still get them inline.
 */
export function deferredLibraries({ serviceWorker = false, libraries = DEFERRED_LIBRARIES } = {}) {
  let workerBuild = false;
  return {
    name: 'sidekey:deferred-libraries',
    enforce: 'pre',
    buildStart(options) {
      // WXT builds the background alone (one IIFE); its input is the background entrypoint.
      const inputs = Object.values(typeof options.input === 'string' ? [options.input] : (options.input ?? {}));
      workerBuild = serviceWorker && inputs.some((input) => /entrypoints[\\/]background\.[jt]s$/.test(input));
    },
    resolveId(source) {
      if (!Object.hasOwn(libraries, source) || (libraries[source].workerOnly && !workerBuild)) return undefined;
      return PREFIX + source;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const name = id.slice(PREFIX.length);
      const library = libraries[name];
      const source = fs.readFileSync(require.resolve(library.file), 'utf8');
      if (!workerBuild) return deferredModule(source, library.exports);
      const fileName = `vendor/${name}.js`;
      // Minified as the bundle is (jsQR publishes its UMD unminified); licence comments kept.
      const minified = library.file.includes('.min.') ? source : (await transform(source, { minify: true })).code;
      this.emitFile({ type: 'asset', fileName, source: minified });
      return workerModule(`/${fileName}`, library.global, library.exports);
    },
  };
}
