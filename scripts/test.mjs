#!/usr/bin/env node
// `npm test`: everything, from a fresh machine. Installs what is missing
// (npm packages; Chromium and Firefox ESR with apt-get when root), makes sure
// PostgreSQL is up, then type-checks, lints and runs every Vitest project.
// Ends with a count of tests per store and per browser and one closing line.
import fs from 'node:fs';
import path from 'node:path';
import { ensureDependencies, root, runBin } from './dependencies.mjs';
import { ensurePrograms, ensurePostgres, MissingPrerequisite } from './prerequisites.mjs';

const TEST_DATABASE_URL = process.env.SIDEKEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const results = path.join(root, '.test-results/vitest.json');
const step = (title) => console.log(`\n▶ ${title}`);

try {
  step('Dependencies');
  ensureDependencies();
  ensurePrograms();
  if (process.env.SIDEKEY_SKIP_POSTGRES === '1') {
    console.log('SIDEKEY_SKIP_POSTGRES=1: the PostgreSQL store is NOT tested in this run');
  } else {
    await ensurePostgres(TEST_DATABASE_URL);
  }
} catch (error) {
  if (!(error instanceof MissingPrerequisite)) throw error;
  console.error(`sidekey test: ${error.message}`);
  process.exit(1);
}

/** Steps that failed; each counts as one failure in the closing line. */
const failedSteps = [];
const run = (title, bin, args) => {
  step(title);
  try {
    runBin(bin, args);
  } catch {
    failedSteps.push(title);
    console.error(`✗ ${title} failed`);
  }
};

run('Generate WXT types (wxt prepare)', 'wxt', ['prepare']);
run('Type-check (tsc)', 'tsc', ['--noEmit', '-p', '.']);
run('Lint (eslint)', 'eslint', ['--max-warnings=0', '.']);
run('Format (prettier --check)', 'prettier', ['--check', '.']);
fs.rmSync(results, { force: true });
run('Tests (vitest: unit, server on SQLite and PostgreSQL, e2e in Chromium and Firefox)', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}`,
  ...process.argv.slice(2),
]);

const { passed, failed, skipped } = summarise();
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join('; ')}`);
// The closing line CI reads; a failed step (type-check, lint, …) counts as a failure.
const failures = failed + failedSteps.length + (passed + failed === 0 ? 1 : 0);
console.log(`\n${passed} passed, ${failures} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failures > 0 ? 1 : 0);

function summarise() {
  if (!fs.existsSync(results)) {
    console.log('\nNo test results were written.');
    return { passed: 0, failed: 0, skipped: 0 };
  }
  const report = JSON.parse(fs.readFileSync(results, 'utf8'));
  const tests = report.testResults.flatMap((file) =>
    file.assertionResults.map((test) => ({
      name: [...test.ancestorTitles, test.title].join(' '),
      file: file.name,
      status: test.status,
    })),
  );
  const count = (predicate) => {
    const selected = tests.filter(predicate);
    return `${selected.filter((t) => t.status === 'passed').length} passed of ${selected.length}`;
  };
  const passed = tests.filter((t) => t.status === 'passed').length;
  // A file that failed to load has no assertions; count it as a failure.
  const failed =
    tests.filter((t) => t.status === 'failed').length +
    report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  const skipped = tests.length - passed - tests.filter((t) => t.status === 'failed').length;
  console.log('\nSummary');
  console.log(`  server tests on SQLite:     ${count((t) => t.name.includes('[sqlite]'))}`);
  console.log(`  server tests on PostgreSQL: ${count((t) => t.name.includes('[postgres]'))}`);
  // A browser's end-to-end tests: its files, and the tests of shared files that name it first.
  const inBrowser = (name) => (t) =>
    t.file.includes('/e2e/') &&
    (new RegExp(name, 'i').test(path.basename(t.file)) ||
      (!/chromium|firefox/i.test(path.basename(t.file)) && new RegExp(`^${name}\\b`, 'i').test(t.name)));
  console.log(`  Chromium end-to-end:        ${count(inBrowser('chromium'))}`);
  console.log(`  Firefox end-to-end:         ${count(inBrowser('firefox'))}`);
  return { passed, failed, skipped };
}
