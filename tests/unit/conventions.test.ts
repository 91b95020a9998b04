/**
 * Keeps the architecture honest (docs/architecture.md): src/core is free of browser
 * and Node APIs; entrypoints only wire.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionFolderOf, extensionViolation } from './extension-layers';
import { importSpecifiers, runtimeSpecifiers } from './import-targets';
import { layerOf, layerViolation } from './server-layers';

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const sourceOf = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const importsOf = (file: string) => importSpecifiers(sourceOf(file));

/** The file a relative import names, or null (a package, or nothing there). */
function resolveImport(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.join(path.dirname(file), spec);
  const resolved = ['', '.ts', '.tsx', '/index.ts']
    .map((ext) => base + ext)
    .find((f) => fs.existsSync(path.join(root, f)));
  return resolved && fs.statSync(path.join(root, resolved)).isFile() ? resolved : null;
}

/** Runtime imports (not `import type`) with the files they resolve to, relative imports only. */
function runtimeImports(file: string): { spec: string; resolved: string | null }[] {
  return runtimeSpecifiers(sourceOf(file)).map((spec) => ({ spec, resolved: resolveImport(file, spec) }));
}

/** Every import and re-export, types included: a file or a package name. */
function allImportTargets(file: string): string[] {
  return importsOf(file).map((spec) =>
    spec.startsWith('.') ? (resolveImport(file, spec) ?? `unresolved:${spec}`) : spec,
  );
}

/** What a layer rule finds wrong with each of a file's imports. */
const violations = (file: string, rule: (file: string, target: string) => string | undefined) =>
  allImportTargets(file)
    .map((target) => rule(file, target))
    .filter(Boolean);

/** Every package a file pulls in at run time, through the files it imports (not through `notInto`). */
function packagesReachedFrom(entry: string, notInto: string[] = []): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>(notInto);
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const { spec, resolved } of runtimeImports(file)) {
      if (resolved) visit(resolved);
      else if (!spec.startsWith('.')) packages.set(spec, file);
    }
  };
  visit(entry);
  return packages;
}

describe('conventions', () => {
  it('the popup carries no schema library: what the user waits for when opening it (bench: popup)', () => {
    // The import's readers and the export's writers load when the user reads or writes a file, never at opening.
    const onDemand = ['src/core/otp/import/read-import.ts', 'src/core/otp/export/write-export.ts'];
    const packages = packagesReachedFrom('entrypoints/popup/main.tsx', onDemand);
    expect([...packages.keys()].filter((p) => /^zod/.test(p))).toEqual([]);
    // Nor even on demand: export, import and the automatic backup's forms are the codes page's alone.
    expect(packagesReachedFrom('entrypoints/popup/main.tsx').has('zod/mini')).toBe(false);
    expect(packagesReachedFrom('entrypoints/codes/main.tsx').has('zod/mini')).toBe(true);
    // The rule sees through the files: importing the protocol's router (as the popup once did) would be caught.
    expect(packagesReachedFrom('src/extension/messaging.ts').has('zod/mini')).toBe(true);
    expect(packagesReachedFrom('src/extension/background/login-service.ts').has('zod/mini')).toBe(true);
  });

  it('the background worker never loads the import readers: the page reads the file (bench: worker start)', () => {
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      for (const { resolved } of runtimeImports(file)) if (resolved) visit(resolved);
    };
    visit('entrypoints/background.ts');
    expect([...files].filter((f) => f.startsWith('src/core/otp/import/'))).toEqual([]);
    visit('entrypoints/codes/main.tsx');
    expect(files.has('src/core/otp/import/read-import.ts')).toBe(true);
  });

  it.each([
    'entrypoints/background.ts',
    'entrypoints/content.ts',
    'entrypoints/otp-fill.ts',
    'entrypoints/qr-reader.ts',
  ])('%s reaches zod/mini only, never classic zod (its start-up: bench, background worker start)', (entry) => {
    const zods = [...packagesReachedFrom(entry).keys()].filter((p) => /^zod/.test(p));
    expect(zods.filter((p) => p !== 'zod/mini')).toEqual([]);
  });

  it.each(filesUnder('src/core'))('%s imports neither browser APIs, Node, nor the other sides', (file) => {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    for (const spec of importsOf(file)) {
      expect(spec).not.toMatch(/^(node:|wxt|webextension-polyfill|fs$|path$|crypto$)/);
      expect(spec).not.toMatch(/\.\.\/(extension|server)\//);
    }
    expect(source).not.toMatch(/\b(browser|chrome)\.(runtime|storage|tabs)\b/);
  });

  describe('the server imports downwards only (tests/unit/server-layers.ts)', () => {
    it('the rule catches a planted upward import, a cross-route import and Fastify in the domain', () => {
      expect(layerViolation('src/server/store/users.ts', 'src/server/web/plugins/session.ts')).toMatch(
        /store may not import from web\/plugins/,
      );
      expect(layerViolation('src/server/domain/accounts.ts', 'src/server/web/views/layout.ts')).toBeDefined();
      expect(layerViolation('src/server/platform/tokens.ts', 'src/server/store/sql.ts')).toBeDefined();
      expect(layerViolation('src/server/web/views/login.ts', 'src/server/web/routes/login.ts')).toBeDefined();
      expect(layerViolation('src/server/web/routes/login.ts', 'src/server/web/routes/qr-sign-in.ts')).toMatch(
        /web\/flows/,
      );
      expect(layerViolation('src/server/domain/cas/login-target.ts', 'fastify')).toMatch(/HTTP is web/);
      expect(layerViolation('src/server/somewhere/new.ts', 'src/server/store/sql.ts')).toMatch(/no layer/);
      // and lets the right ones through
      expect(layerViolation('src/server/web/routes/login.ts', 'src/server/domain/cas/login-target.ts')).toBeUndefined();
      expect(layerViolation('src/server/store/users.ts', 'src/server/platform/tokens.ts')).toBeUndefined();
      expect(layerViolation('src/server/domain/enrolment.ts', 'src/core/enrolment-qr.ts')).toBeUndefined();
      expect(layerViolation('src/server/app.ts', 'src/server/web/routes/login.ts')).toBeUndefined();
      expect(layerViolation('src/server/web/plugins/csrf.ts', 'fastify')).toBeUndefined();
    });

    it('the rule sees the files as they are: a real upward import is found in a copy of a store file', () => {
      const file = 'src/server/store/users.ts';
      const planted = `import type { Deps } from '../domain/deps';\n${fs.readFileSync(path.join(root, file), 'utf8')}`;
      const spec = /from\s+['"]([^'"]+)['"]/.exec(planted)![1]!;
      expect(layerViolation(file, path.join(path.dirname(file), spec) + '.ts')).toMatch(
        /store may not import from domain/,
      );
    });

    it.each(filesUnder('src/server').filter((f) => !f.startsWith('src/server/store/')))(
      '%s opens no transaction on the engine and builds no repository: store.transaction does',
      (file) => {
        const source = fs.readFileSync(path.join(root, file), 'utf8');
        expect(source).not.toMatch(/\.sql\.(transaction|run|get|all)\(|\bcreate\w+Repo\(/);
      },
    );

    it.each(filesUnder('src/server'))('%s', (file) => {
      expect(layerOf(file)).toBeDefined();
      expect(violations(file, layerViolation)).toEqual([]);
    });
  });

  it.each(filesUnder('src/server').filter((f) => f !== 'src/server/web/plugins/html.ts'))(
    '%s redirects only through reply.goTo (one check of every Location header)',
    (file) => {
      expect(fs.readFileSync(path.join(root, file), 'utf8')).not.toMatch(/\.redirect\(/);
    },
  );

  it.each(filesUnder('src/server'))('%s does not import extension code', (file) => {
    for (const spec of importsOf(file)) expect(spec).not.toMatch(/extension\//);
  });

  describe('the import extractor finds what a file imports (an extractor that found nothing would pass every rule)', () => {
    const SAMPLE = [
      "import a from './a';",
      "import type { B } from './b';",
      "import {\n  c,\n  type C,\n} from './c';",
      "import './d.css';",
      "export { e } from './e';",
      "export type { F } from './f';",
      "export * from './g';",
      "const h = await import('./h');",
      'void import( "./i" );',
      '// not an import: \'import x from "./nothing"\' inside a string is text',
    ].join('\n');

    it('finds static, type-only, side-effect, re-exported and dynamic imports, over several lines', () => {
      expect(importSpecifiers(SAMPLE).sort()).toEqual([
        './a',
        './b',
        './c',
        './d.css',
        './e',
        './f',
        './g',
        './h',
        './i',
      ]);
    });

    it('tells the ones that exist at run time from type-only ones', () => {
      expect(runtimeSpecifiers(SAMPLE).sort()).toEqual(['./a', './c', './d.css', './e', './g', './h', './i']);
    });

    it('finds the imports of real files: the dynamic one in the popup, and every file here imports something', () => {
      expect(importsOf('src/extension/otp/ui/add-account.tsx')).toContain('../../qr/decode-capture');
      const silent = [...filesUnder('src'), ...filesUnder('entrypoints')].filter(
        (file) => importsOf(file).length === 0 && /^\s*import\b|\bimport\(/m.test(sourceOf(file)),
      );
      expect(silent).toEqual([]);
    });
  });

  describe('the extension: its three contexts never import each other (tests/unit/extension-layers.ts)', () => {
    it('the rule catches planted violations and lets the right imports through', () => {
      expect(extensionViolation('src/extension/ui/popup.tsx', 'src/extension/background/unlock.ts')).toMatch(
        /ui may not import from the background context/,
      );
      expect(extensionViolation('src/extension/content/page-qr.ts', 'src/extension/ui/popup.tsx')).toBeDefined();
      expect(extensionViolation('src/extension/background/start.ts', 'src/extension/content/fill.ts')).toBeDefined();
      expect(extensionViolation('src/extension/vault/vault.ts', 'src/extension/background/start.ts')).toBeDefined();
      expect(extensionViolation('src/extension/messaging.ts', 'src/extension/ui/popup.tsx')).toBeDefined();
      expect(extensionViolation('src/extension/otp/code-accounts.ts', 'node:crypto')).toMatch(/Node/);
      // A feature folder: its root is a library, its context folders are those contexts.
      expect(extensionViolation('src/extension/otp/code-accounts.ts', 'src/extension/otp/ui/code-list.tsx')).toMatch(
        /otp may not import from the ui context/,
      );
      expect(
        extensionViolation('src/extension/otp/ui/code-list.tsx', 'src/extension/otp/background/codes-service.ts'),
      ).toMatch(/ui may not import from the background context/);
      expect(
        extensionViolation('src/extension/background/start.ts', 'src/extension/otp/ui/code-list.tsx'),
      ).toBeDefined();
      expect(extensionViolation('src/extension/ui/popup.tsx', 'src/server/app.ts')).toMatch(/server code/);
      expect(extensionViolation('src/extension/ui/x.tsx', 'src/extension/newfolder/y.ts')).toMatch(/no known folder/);
      // and lets the right ones through
      expect(
        extensionViolation('src/extension/otp/ui/add-account.tsx', 'src/extension/qr/decode-capture.ts'),
      ).toBeUndefined();
      expect(
        extensionViolation('src/extension/ui/popup.tsx', 'src/extension/otp/ui/codes-section.tsx'),
      ).toBeUndefined();
      expect(
        extensionViolation('src/extension/otp/background/start-codes.ts', 'src/extension/background/tab-qr.ts'),
      ).toBeUndefined();
      expect(extensionViolation('src/extension/background/start.ts', 'src/extension/vault/vault.ts')).toBeUndefined();
      expect(extensionViolation('src/extension/content/page-qr.ts', 'src/extension/messaging.ts')).toBeUndefined();
      expect(extensionViolation('src/extension/ui/popup.tsx', 'src/core/messages.ts')).toBeUndefined();
    });

    it.each(filesUnder('src/extension'))('%s', (file) => {
      expect(extensionFolderOf(file)).toBeDefined();
      expect(violations(file, extensionViolation)).toEqual([]);
    });
  });

  /** Longer than ~250 lines only with a reason, and the reason written here. */
  const LONG_FILES: Record<string, string> = {
    'src/server/store/migrations.ts': 'the schema’s history: a shipped migration never changes, new ones are appended',
    'src/server/i18n/en.ts': 'a catalogue: data, one text per key',
    'src/server/i18n/fr.ts': 'a catalogue: data, one text per key',
    'src/server/i18n/de.ts': 'a catalogue: data, one text per key',
    'src/extension/i18n/en.ts': 'a catalogue: data, one text per key',
    'src/extension/i18n/fr.ts': 'a catalogue: data, one text per key',
    'src/extension/i18n/de.ts': 'a catalogue: data, one text per key',
    'src/core/messages.ts': 'the one typed place of the message contract (docs/protocol.md §1), schema beside schema',
  };
  it.each([...filesUnder('src'), ...filesUnder('entrypoints')])('%s is short (≤ 250 lines) or says why not', (file) => {
    const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n').length;
    if (lines > 250) expect(LONG_FILES[file], `${file}: ${lines} lines`).toBeDefined();
  });

  it.each(filesUnder('entrypoints'))('%s stays thin: wiring only', (file) => {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    expect(source.split('\n').length).toBeLessThanOrEqual(30);
    expect(source).not.toMatch(/\b(function|class)\b/);
  });
});
