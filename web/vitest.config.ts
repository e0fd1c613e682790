import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The app reads ../i18n/*.ftl (outside web/).
  server: { fs: { allow: ['..'] } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
  },
});
