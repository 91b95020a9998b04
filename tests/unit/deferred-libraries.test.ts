/**
 * The build's deferred libraries (scripts/deferred-libraries.mjs): the module that stands for a
 * library runs its UMD only when an export is first called, once, and gives the library's own
 * answers; the service worker's module imports the library's file on first use and registers the
 * install-time import that lets a restarted worker import it again. The real build is exercised by
 * the e2e tests (chromium-worker-restart.test.ts); here the generated code runs in a sandbox.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import * as tldts from 'tldts';
import realJsQR from 'jsqr';
import QRCode from 'qrcode';
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { DEFERRED_LIBRARIES, deferredModule, workerModule } from '../../scripts/deferred-libraries.mjs';

const require = createRequire(import.meta.url);
const source = (name: string) => fs.readFileSync(require.resolve(DEFERRED_LIBRARIES[name]!.file), 'utf8');

/** Runs a generated ES module's text in `context`, returning its exports (the `export` keywords made assignments). */
function runModule(code: string, context: vm.Context): Record<string, (...args: unknown[]) => unknown> {
  const exported: Record<string, (...args: unknown[]) => unknown> = {};
  const script = code
    .replace(/^export default function \(\)/m, 'exported.default = function ()')
    .replace(/^export function (\w+)\(\)/gm, 'exported.$1 = function ()');
  vm.runInContext(`(function (exported) { ${script} })`, context)(exported);
  return exported;
}

/** A UMD that counts its evaluations and exports `twice`. */
const COUNTING_UMD = `(function (root, factory) {
  if (typeof exports === 'object' && typeof module === 'object') module.exports = factory();
  else root.counting = factory();
})(this, function () { globalThis.evaluations = (globalThis.evaluations || 0) + 1; return { twice: (n) => 2 * n }; });`;

describe('a library deferred inline', () => {
  it('runs the library once, when an export is first called, not when the module loads', () => {
    const context = vm.createContext({});
    const lib = runModule(deferredModule(COUNTING_UMD, { twice: 'lib.twice' }), context);
    expect(context.evaluations).toBeUndefined();
    expect(lib.twice!(21)).toBe(42);
    expect(lib.twice!(2)).toBe(4);
    expect(context.evaluations).toBe(1);
    // The UMD took its CommonJS branch: no global left behind.
    expect(context.counting).toBeUndefined();
  });

  it('gives tldts’ own answers (private suffixes, IPs, unknown and single-label names)', () => {
    const lib = runModule(deferredModule(source('tldts'), DEFERRED_LIBRARIES.tldts!.exports), vm.createContext({}));
    const hosts = ['anna.github.io', 'www.bbc.co.uk', 'a.b.example.com', 'app.sidekey.localhost', 'localhost', 'co.uk'];
    for (const host of hosts)
      expect(lib.getDomain!(host, { allowPrivateDomains: true })).toBe(
        tldts.getDomain(host, { allowPrivateDomains: true }),
      );
    expect((lib.parse!('192.168.1.20') as { isIp: boolean }).isIp).toBe(true);
  });

  it('gives jsQR’s own reading of a code', async () => {
    const { data, width, height } = await qrPixels('deferred reader');
    const lib = runModule(deferredModule(source('jsqr'), DEFERRED_LIBRARIES.jsqr!.exports), vm.createContext({}));
    expect((lib.default!(data, width, height) as { data: string }).data).toBe('deferred reader');
    expect(realJsQR(data, width, height)?.data).toBe('deferred reader');
  });
});

describe('a library deferred in the service worker', () => {
  /** A service worker's global scope: `install` listeners, and importScripts reading the emitted files. */
  function workerScope(files: Record<string, string>) {
    const installListeners: (() => void)[] = [];
    const imported: string[] = [];
    const context = vm.createContext({
      WebAssembly,
      TextEncoder,
      TextDecoder,
      addEventListener: (type: string, listener: () => void) => type === 'install' && installListeners.push(listener),
      importScripts: (url: string) => {
        imported.push(url);
        vm.runInContext(files[url]!, context);
      },
    });
    // A worker's `self` is its global scope (jsQR's UMD defines its global on `self`).
    vm.runInContext('globalThis.self = globalThis', context);
    return { context, installListeners, imported };
  }

  it('imports the file at install and on first use after a restart, never at the start', () => {
    const code = workerModule('/vendor/counting.js', 'counting', { twice: 'lib.twice' });
    // The install: the worker's first evaluation, then its install event.
    const installing = workerScope({ '/vendor/counting.js': COUNTING_UMD });
    runModule(code, installing.context);
    expect(installing.installListeners).toHaveLength(1);
    expect(installing.imported).toEqual([]);
    installing.installListeners[0]!();
    expect(installing.imported).toEqual(['/vendor/counting.js']);

    // A later start: nothing imported until an export is called, then once.
    const restarted = workerScope({ '/vendor/counting.js': COUNTING_UMD });
    const lib = runModule(code, restarted.context);
    expect(restarted.imported).toEqual([]);
    expect(lib.twice!(5)).toBe(10);
    expect(lib.twice!(6)).toBe(12);
    expect(restarted.imported).toEqual(['/vendor/counting.js']);
    expect(restarted.context.evaluations).toBe(1);
  });

  it('gives each library’s own answers, through the global its UMD leaves without a module system', async () => {
    const argon = {
      password: 'pw',
      salt: new Uint8Array(16),
      parallelism: 1,
      iterations: 1,
      memorySize: 64,
      hashLength: 16,
    };
    const checks: Record<string, (lib: Record<string, (...args: unknown[]) => unknown>) => Promise<void>> = {
      tldts: async (lib) =>
        expect(lib.getDomain!('anna.github.io', { allowPrivateDomains: true })).toBe('anna.github.io'),
      jsqr: async (lib) => {
        const { data, width, height } = await qrPixels('from the worker');
        expect((lib.default!(data, width, height) as { data: string }).data).toBe('from the worker');
      },
      'hash-wasm': async (lib) => expect(await lib.argon2id!(argon)).toBe(await argon2id(argon)),
    };
    expect(Object.keys(checks).sort()).toEqual(Object.keys(DEFERRED_LIBRARIES).sort());
    for (const [name, library] of Object.entries(DEFERRED_LIBRARIES)) {
      const scope = workerScope({ [`/vendor/${name}.js`]: source(name) });
      const lib = runModule(workerModule(`/vendor/${name}.js`, library.global, library.exports), scope.context);
      await checks[name]!(lib);
      expect(scope.context[library.global], name).toBeDefined();
    }
  });
});

async function qrPixels(text: string) {
  const { PNG } = await import('pngjs');
  const png = PNG.sync.read(await QRCode.toBuffer(text, { width: 120, margin: 4 }));
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}
