import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Suites start their own local servers on port 0 and own temp dirs, so files may run in parallel.
    pool: 'forks',
    // Every suite runs under a hostile global git config the server must ignore.
    // Waiting helpers of Testing Library wait up to 10 s (see test/helpers/testing-library.ts).
    setupFiles: ['test/helpers/hostile-git-config.ts', 'test/helpers/testing-library.ts'],
    // Type tests (*.test-d.ts, expectTypeOf) run with tsc as part of `npm test`.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
