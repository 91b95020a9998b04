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

describe('conventions', () => {
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
