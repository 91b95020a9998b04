/**
 * Keeps the architecture honest (see ../shared/STYLE.md): src/core is shared by
 * both sides and imports neither the browser nor Node; entrypoints only wire.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

const importsOf = (file: string) =>
  [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

/** Runtime imports (not `import type`) with the files they resolve to, relative imports only. */
function runtimeImports(file: string): { spec: string; resolved: string | null }[] {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  return [...source.matchAll(/^\s*import\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => {
    const spec = m[1]!;
    if (!spec.startsWith('.')) return { spec, resolved: null };
    const base = path.join(path.dirname(file), spec);
    const resolved = ['', '.ts', '.tsx', '/index.ts']
      .map((ext) => base + ext)
      .find((f) => fs.existsSync(path.join(root, f)));
    return { spec, resolved: resolved && fs.statSync(path.join(root, resolved)).isFile() ? resolved : null };
  });
}

/** Every package a file pulls in at run time, through the files it imports. */
function packagesReachedFrom(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
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
    const packages = packagesReachedFrom('entrypoints/popup/main.tsx');
    expect([...packages.keys()].filter((p) => /^zod/.test(p))).toEqual([]);
    // The rule sees through the files: importing the protocol's router (as the popup once did) would be caught.
    expect(packagesReachedFrom('src/extension/messaging.ts').has('zod')).toBe(true);
    expect(packagesReachedFrom('src/extension/background/login-service.ts').has('zod')).toBe(true);
  });

  it.each(filesUnder('src/core'))('%s imports neither browser APIs, Node, nor the other sides', (file) => {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    for (const spec of importsOf(file)) {
      expect(spec).not.toMatch(/^(node:|wxt|webextension-polyfill|fs$|path$|crypto$)/);
      expect(spec).not.toMatch(/\.\.\/(extension|server)\//);
    }
    expect(source).not.toMatch(/\b(browser|chrome)\.(runtime|storage|tabs)\b/);
  });

  it.each(filesUnder('src/server'))('%s does not import extension code', (file) => {
    for (const spec of importsOf(file)) expect(spec).not.toMatch(/extension\//);
  });

  it.each(filesUnder('src/extension'))('%s does not import server code or Node', (file) => {
    for (const spec of importsOf(file)) expect(spec).not.toMatch(/(server\/|^node:)/);
  });

  it.each(filesUnder('entrypoints'))('%s stays thin: wiring only', (file) => {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    expect(source.split('\n').length).toBeLessThanOrEqual(30);
    expect(source).not.toMatch(/\b(function|class)\b/);
  });
});
