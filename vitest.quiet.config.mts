import { defineConfig } from 'vitest/config';

/**
 * Tests that measure time on this machine (the desk's event loop while its core works, issue 16 item 1) run after
 * the others, one file at a time, so that what they measure is BayDesk and not the other test files sharing two
 * cores. `npm test` runs them second; their counts join the summary's.
 */
export default defineConfig({
  test: {
    include: ['tests/quiet/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
