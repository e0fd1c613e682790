/**
 * Builds `src/sw/sw.ts` into `dist/sw.js` (a fixed name at the root, so its scope is the
 * whole app) and writes into it the list of files to precache and a build id.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

export function fitoServiceWorker(entry = 'src/sw/sw.ts'): Plugin {
  return {
    name: 'fito-service-worker',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: entry, fileName: 'sw.js' });
    },
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map') && !f.endsWith('.LICENSE.txt'))
        .sort();
      const build = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('sw.js was not built');
      sw.code = sw.code
        .replace(/__FITO_PRECACHE__/g, JSON.stringify(files))
        .replace(/__FITO_BUILD__/g, JSON.stringify(build))
        .replace(/^export\s*\{[^}]*\};?\s*$/m, '');
    },
  };
}
