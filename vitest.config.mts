import { defineConfig } from 'vitest/config';

// Unit and integration tests (servers over real sockets). Browser tests live in e2e/ and run under Playwright.
export default defineConfig({
  test: {
    include: ['broker-core/**/*.test.ts', 'lib/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
