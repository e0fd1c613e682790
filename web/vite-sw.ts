/**
 * Builds `src/sw/sw.ts` into `dist/sw.js` (a fixed name at the root, so its scope is the
 * whole app) and writes into it the list of files to precache (every built file and every
 * file of `public/`) and a build id that changes whenever any of them does.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

function walk(dir: string): string[] {
  let out: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = join(dir, name);
    out = statSync(p).isDirectory() ? out.concat(walk(p)) : out.concat([p]);
  }
  return out;
}

export function fitoServiceWorker(entry = 'src/sw/sw.ts'): Plugin {
  let publicDir = '';
  return {
    name: 'fito-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: entry, fileName: 'sw.js' });
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const built = Object.keys(bundle).filter((f) => f !== 'sw.js' && !f.endsWith('.map'));
      for (const f of built) {
        const item = bundle[f]!;
        hash.update(f).update(item.type === 'chunk' ? item.code : typeof item.source === 'string' ? item.source : Buffer.from(item.source));
      }
      const pub = publicDir ? walk(publicDir).map((p) => relative(publicDir, p).split('\\').join('/')) : [];
      for (const f of pub) hash.update(f).update(readFileSync(join(publicDir, f)));
      const files = [...new Set([...built, ...pub])].filter((f) => f !== 'index.html').sort();
      const build = hash.digest('hex').slice(0, 12);
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('sw.js was not built');
      sw.code = sw.code
        .replace(/__FITO_PRECACHE__/g, JSON.stringify(files))
        .replace(/__FITO_BUILD__/g, JSON.stringify(build))
        .replace(/^export\s*\{[^}]*\};?\s*$/m, '');
    },
  };
}
