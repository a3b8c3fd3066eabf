import { defineConfig } from 'vitest/config';

// Data-layer and API suites run twice, once per dialect: the project name (postgresql | sqlite) prefixes
// every test file in the output. `*.unit.test.ts` files need no database and run once.
const databaseSuites = [
  'packages/*/test/**/*.test.ts',
  'apps/server/test/**/*.test.ts',
  // The desktop core and the browser end-to-end suite run against a real server on each dialect.
  'apps/desktop/test/**/*.test.ts',
];
const dialects = ['postgresql', 'sqlite'] as const;

export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude: ['**/node_modules/**', '.tools/**'] },
      },
      ...dialects.map((dialect) => ({
        extends: true as const,
        test: {
          name: dialect,
          include: databaseSuites,
          exclude: ['**/*.unit.test.ts', '**/node_modules/**'],
          env: { TEST_DIALECT: dialect },
          globalSetup: ['./vitest.global-setup.ts'],
        },
      })),
    ],
  },
});
