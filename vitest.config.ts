import { defineConfig } from 'vitest/config';

/**
 * Two projects that run side by side, one worker each on the 2-core machine the suite is sized
 * for: `browser` (real Chromium, the example app, the Storybook, the official SDK against a
 * server) runs its files one at a time — two of them at once each start a browser, a server and
 * git children and only make each other slower — after building the Storybook and the e2e pages
 * once (globalSetup); `unit` runs everything else. Type tests (*.test-d.ts) are checked by
 * `tsc` (`npm run typecheck`, the first step of `npm test`), not a second time here.
 */
const BROWSER_SUITES = ['test/e2e/**/*.test.ts', 'test/conformance/**/*.test.ts'];

const shared = {
  environment: 'node' as const,
  // Suites start their own local servers on port 0 and own temp dirs, so files may run in parallel.
  pool: 'forks' as const,
  // Every suite runs under a hostile global git config the server must ignore.
  // Waiting helpers of Testing Library wait up to 10 s (see test/helpers/testing-library.ts).
  setupFiles: ['test/helpers/hostile-git-config.ts', 'test/helpers/testing-library.ts'],
  // Generous bounds: on a busy machine every step is slower, and slow is not broken. No test
  // asserts a duration; these only stop a test that hangs.
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'browser',
          include: BROWSER_SUITES,
          fileParallelism: false,
          globalSetup: ['test/helpers/build-once.ts'],
          // A page load in Chromium under load can take tens of seconds; a Storybook build more.
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: BROWSER_SUITES,
          fileParallelism: false,
        },
      },
    ],
  },
});
