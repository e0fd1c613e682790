import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium against a real `fito serve` (e2e/harness.ts).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/*.e2e.ts'],
    // (e2e/field/, the field mode's scenarios, run with their own config.)
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
