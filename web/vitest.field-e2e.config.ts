import { defineConfig } from 'vitest/config';

// Field mode end to end: `npm run e2e:field` (needs a built `fito` and /usr/bin/chromium).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/field/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
