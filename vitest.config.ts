import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['packages/domain/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      // The domain's tests again in two other zones (docs/conventions.md#tests): a rule that reads the machine's
      // zone (a local-midnight Date, getDate()) passes in UTC and fails here. Node applies TZ set at run time.
      {
        test: {
          name: 'domain-hcm',
          include: ['packages/domain/src/**/*.test.ts'],
          environment: 'node',
          env: { TZ: 'Asia/Ho_Chi_Minh' },
        },
      },
      {
        test: {
          name: 'domain-ny',
          include: ['packages/domain/src/**/*.test.ts'],
          environment: 'node',
          env: { TZ: 'America/New_York' },
        },
      },
      {
        test: {
          name: 'web',
          include: ['packages/web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts', 'packages/server/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          // A journey's steps each wait for a condition (see e2e/harness.ts); these only stop a hung run.
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // Pages render much slower on a loaded machine; polls wait for what the user sees, like Playwright's own locators.
          expect: { poll: { timeout: 60_000, interval: 200 } },
        },
      },
    ],
  },
});
