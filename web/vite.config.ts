import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fitoServiceWorker } from './vite-sw.js';

// The API runs on `fito serve`; in development Vite proxies /api to it.
export default defineConfig({
  plugins: [preact(), fitoServiceWorker()],
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': process.env.FITO_API ?? 'http://127.0.0.1:8080' },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // MapLibre (≈1.1 MB) is its own lazy chunk, loaded only on map screens.
    chunkSizeWarningLimit: 1200,
  },
});
