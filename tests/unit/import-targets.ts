/**
 * What a source file imports, for the conventions test: every `import … from`, `import type`,
 * side-effect `import '…'`, `export … from` and dynamic `import('…')`, over several lines too.
 * Tested on its own (conventions.test.ts): an extractor that found nothing would let every rule pass.
 */
const PATTERNS = [
  // import x from '…', import type { … } from '…', export { … } from '…', export * from '…'
  /^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms,
  // import '…' (for its side effects)
  /^\s*import\s+['"]([^'"]+)['"]/gm,
  // import('…'), awaited or not
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Every module specifier `source` names, in no particular order, each once. */
export function importSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of PATTERNS) for (const match of source.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/** The specifiers of imports that exist at run time (not `import type`, not `export type`). */
export function runtimeSpecifiers(source: string): string[] {
  const typeOnly = new Set(
    [...source.matchAll(/^\s*(?:import|export)\s+type\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms)].map((m) => m[1]!),
  );
  const runtime = new Set(
    [...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+['"]([^'"]+)['"]/gms)].map((m) => m[1]!),
  );
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) runtime.add(match[1]!);
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) runtime.add(match[1]!);
  return importSpecifiers(source).filter((spec) => runtime.has(spec) || !typeOnly.has(spec));
}
