#!/usr/bin/env node
// The national map in headless Chromium against a running `fito serve` (issue 16): how
// long from opening the map screen until every vector tile of the country is drawn
// (first render), how long each zoom step then takes until its tiles are drawn, and each pan.
// The register is whatever the server holds: `scripts/bench/tiles` generates 100,000 or
// 1,000,000 objects with fito-bench and runs this with FITO_BENCH_BROWSER=1.
//   FITO_ORIGIN=http://127.0.0.1:8080 FITO_EMAIL=… FITO_PASSWORD=… node scripts/map-bench.mjs [steps]
// (after `npm run build`). Prints one line per measure.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const steps = Number(process.argv[2] ?? 6);
const api = new URL(process.env.FITO_ORIGIN ?? 'http://127.0.0.1:8080');
const email = process.env.FITO_EMAIL ?? 'admin@fito.local';
const password = process.env.FITO_PASSWORD ?? '';
const dist = new URL('../dist/', import.meta.url).pathname;
if (!existsSync(join(dist, 'index.html'))) throw new Error('run `npm run build` first');

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };
// The built app, with /api passed to fito (as fito serve itself would serve both).
const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url.startsWith('/api/')) {
    const up = request({ host: api.hostname, port: api.port, path: url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
    return;
  }
  if (url.startsWith('/tiles/')) return res.writeHead(204).end();
  let file = join(dist, normalize(decodeURIComponent(url.split('?')[0])));
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = join(dist, 'index.html');
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-background-networking', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
// The base map is not ours to time: answered empty at once.
await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204, body: '' }));
let tiles = 0;
page.on('response', (r) => r.url().includes('/api/v1/tiles/') && (tiles += 1));
await page.goto(`${origin}/#/`);
await page.locator('#email').fill(email);
await page.locator('#password').fill(password);
await page.locator('form button[type=submit]').click();
await page.locator('nav[aria-label]').waitFor();

// FITO_MAP_AFTER_MS: open the map this long after signing in, as a person would after
// reading the home page (the app loads MapLibre ahead while idle); at once by default.
await page.waitForTimeout(Number(process.env.FITO_MAP_AFTER_MS ?? 0));

const idle = '[data-testid=register-map][data-idle=yes]';
// FITO_MAP_PROFILE=1: a CPU profile of the page's main thread during the first render,
// its heaviest functions (self time) printed after the figures.
const cdp = process.env.FITO_MAP_PROFILE ? await page.context().newCDPSession(page) : null;
if (cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}
// FITO_MAP_TIMELINE=1: every request of the first render, when it was sent and answered
// (ms from opening the map), printed after the figures.
const timeline = [];
if (process.env.FITO_MAP_TIMELINE) {
  page.on('requestfinished', (r) => {
    const at = r.timing();
    const sent = at.startTime - t0;
    timeline.push(`  ${sent.toFixed(0).padStart(6)} → ${(sent + at.responseEnd).toFixed(0).padStart(6)} ms  ${r.url().replace(origin, '')}`);
  });
}
// FITO_MAP_TRACE=<file>: a Chromium trace of the first render, every thread (the page's,
// MapLibre's worker, the GPU process's), for chrome://tracing or a script.
if (process.env.FITO_MAP_TRACE) await browser.startTracing(page, { path: process.env.FITO_MAP_TRACE, categories: ['toplevel', 'v8', 'devtools.timeline', 'gpu', 'blink', 'cc', 'viz'] });
const t0 = Date.now();
await page.goto(`${origin}/#/map`);
// Polled every 20 ms, as the zoom steps are: a locator's wait backs off to checks 500 ms
// apart, which added up to half a second to what it measured.
const counted = await page.waitForFunction(
  (sel) => (document.querySelector(sel) ? (document.querySelector('[role=status][aria-live]')?.textContent ?? '') : null),
  idle,
  { timeout: Number(process.env.FITO_MAP_TIMEOUT ?? 600_000), polling: 20 },
);
const first = Date.now() - t0;
const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
if (process.env.FITO_MAP_TRACE) await browser.stopTracing();
// The count the map showed once drawn (a head's or an administrator's region summary
// may arrive after and show "loading" again).
const shown = String(await counted.jsonValue()).replace(/\D/g, '');
console.log(`first render of the country: ${first} ms (${tiles} tiles; objects counted in view: ${shown})`);

/** Times `act` until the map has drawn its tiles again; prints it as `label`. */
async function timed(label, act) {
  const before = tiles;
  const t = Date.now();
  const seen = Number(await page.locator('[data-testid=register-map]').getAttribute('data-idles'));
  await act();
  await page.waitForFunction((n) => {
    const el = document.querySelector('[data-testid=register-map]');
    return el?.getAttribute('data-idle') === 'yes' && Number(el.getAttribute('data-idles')) > n;
  }, seen, { timeout: 120_000, polling: 20 });
  const ms = Date.now() - t;
  console.log(`${label}: ${ms} ms (${tiles - before} tiles)`);
  return ms;
}
const summary = (what, times) => {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${what}: median ${sorted[Math.floor(sorted.length / 2)]} ms, worst ${sorted[sorted.length - 1]} ms`);
};

// Zoom steps towards Astana, one zoom level each, each timed until its tiles are drawn.
const canvas = page.locator('[data-testid=register-map] canvas');
await canvas.focus();
const times = [];
for (let i = 0; i < steps; i++) times.push(await timed(`zoom step ${i + 1}`, () => page.keyboard.press('Equal')));
summary('zoom steps', times);

// FITO_MAP_PANS (4 by default): then drags of half the map's width eastwards, each onto
// tiles not seen yet, held still 0.3 s before release (no inertia to wait out). Timed
// from the release until the new tiles are drawn: the wait a person sees once they let
// go (tiles asked during the drag may be there already); the drag's own time is printed.
const box = await canvas.boundingBox();
const pans = [];
for (let i = 0; i < Number(process.env.FITO_MAP_PANS ?? 4); i++) {
  const [x, y] = [box.x + box.width * 0.75, box.y + box.height / 2];
  const t = Date.now();
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - box.width / 2, y, { steps: 8 });
  await page.waitForTimeout(300);
  pans.push(await timed(`pan ${i + 1} (drag ${Date.now() - t} ms), after release`, () => page.mouse.up()));
}
if (pans.length) summary('pans', pans);
if (timeline.length) console.log(`requests, first render and zoom steps:\n${timeline.join('\n')}`);
if (profile) printHeaviest(profile, 25);

/** The functions of a CPU profile with the most self time, one line each. */
function printHeaviest(p, n) {
  const selfUs = new Map();
  const byId = new Map(p.nodes.map((node) => [node.id, node]));
  const dt = p.timeDeltas;
  p.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + (dt[i + 1] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  console.log(`main thread, first render: ${(total / 1000).toFixed(0)} ms sampled; heaviest by self time:`);
  for (const [k, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${k}`);
}
await browser.close();
server.close();
// The proxy's keep-alive sockets to fito would keep node (and scripts/bench/tiles) waiting.
process.exit(0);
