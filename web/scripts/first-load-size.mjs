#!/usr/bin/env node
// First-load size of the web app: builds it (unless --no-build), reads dist/index.html, follows
// what it loads (<script type=module>, <link rel=modulepreload|stylesheet>) and the static
// imports of those chunks, and prints the gzip sizes (level 9). Budget: JavaScript ≤ 250 KB.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
if (!process.argv.includes('--no-build')) execSync('npx vite build', { stdio: 'ignore', cwd: new URL('..', import.meta.url).pathname });
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const wanted = new Set();
for (const m of html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="\/?([^"]+)"[^>]*>/g)) wanted.add(m[1]);
// Static imports between chunks (`import … from "./x.js"`, not `import("./x.js")`).
const queue = [...wanted].filter((f) => f.endsWith('.js'));
while (queue.length) {
  const file = queue.pop();
  const text = readFileSync(join(dist, file), 'utf8');
  for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    const dep = `assets/${m[1]}`;
    if (!wanted.has(dep)) {
      wanted.add(dep);
      queue.push(dep);
    }
  }
}
let js = 0;
let css = 0;
for (const f of [...wanted].sort()) {
  const gz = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  if (f.endsWith('.js')) js += gz;
  else if (f.endsWith('.css')) css += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(8)} KB  ${f}`);
}
console.log(`first-load JavaScript, gzipped: ${(js / 1024).toFixed(1)} KB (budget 250 KB)`);
console.log(`first-load CSS, gzipped: ${(css / 1024).toFixed(1)} KB`);
if (js > 250 * 1024) process.exit(1);
