import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three projects: pure unit tests, server tests against both real stores, and
// end-to-end tests in real browsers. 2 cores: at most two workers.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        plugins: [WxtVitest()],
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 20_000 },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/build-extension.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Browsers are heavy on 2 cores: one e2e file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
