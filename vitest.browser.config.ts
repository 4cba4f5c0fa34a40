import { defineConfig } from 'vitest/config';

process.env.TZ ??= 'UTC';

/** Browser journeys in Debian's Chromium (CI installs it); `npm test` does not run these. */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup-file.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 90_000,
    maxWorkers: 1,
    minWorkers: 1,
  },
});
