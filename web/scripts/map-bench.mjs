#!/usr/bin/env node
// The register map with N objects in view (default 100,000), in headless Chromium: how
// long until every page of `GET /api/v1/objects?bbox=…` (5,000 features each) is drawn
// as clusters, and how long a zoom step then takes. The API answers from this script
// with synthetic fields and points spread over Kazakhstan, so the figure is the
// browser's share (parsing, clustering in MapLibre's worker, drawing); the server's
// share of a bbox query is in BENCHMARKS.md "Register".
//   node scripts/map-bench.mjs [N]      (after `npm run build`)
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';

const N = Number(process.argv[2] ?? 100_000);
const PAGE = 10_000;
const dist = new URL('../dist/', import.meta.url).pathname;
if (!existsSync(join(dist, 'index.html'))) throw new Error('run `npm run build` first');

function feature(i) {
  // A deterministic spread over Kazakhstan: two thirds polygons of ~500 m, one third points.
  const x = 50 + ((i * 7919) % 100_000) / 100_000 * 33;
  const y = 42 + ((i * 104_729) % 100_000) / 100_000 * 11;
  const d = 0.005;
  const geometry = i % 3 === 2
    ? { type: 'Point', coordinates: [x, y] }
    : { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] };
  return {
    type: 'Feature',
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    geometry,
    properties: { organization_id: 'o', type: 'field', name: `Алқап ${i}`, owner: null, kato: null, crop: 'wheat_spring', status: 'active', area_ha: 25, notes: null, version: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' },
  };
}

const pages = [];
for (let start = 0; start < N; start += PAGE) {
  const end = Math.min(N, start + PAGE);
  const features = [];
  for (let i = start; i < end; i++) features.push(feature(i));
  const links = end < N ? [{ rel: 'next', href: `/api/v1/objects?after=${end}&limit=${PAGE}` }] : [];
  pages.push(JSON.stringify({ type: 'FeatureCollection', numberReturned: features.length, features, links }));
}
const me = { id: 'u', organization_id: 'o', role: 'head', status: 'active', surname: 'Омаров', first_name: 'Бауыржан', patronymic: null, email: 'h@fito.kz', position: 'Басшы', must_change_password: false };
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };
let served = 0;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const send = (status, body, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
  if (url.pathname === '/api/v1/objects') {
    const after = Number(url.searchParams.get('after') ?? 0);
    served += 1;
    return send(200, pages[Math.floor(after / PAGE)] ?? pages[0], 'application/geo+json');
  }
  if (url.pathname === '/api/v1/me') return send(200, JSON.stringify(me));
  if (url.pathname === '/api/v1/config/map') return send(200, JSON.stringify({ tile_url: '/tiles/{z}/{x}/{y}.png', subdomains: [], attribution: '© OpenStreetMap', max_zoom: 19 }));
  if (url.pathname.startsWith('/api/v1/reference/') || url.pathname === '/api/v1/notifications') return send(200, '[]');
  if (url.pathname.startsWith('/api/')) return send(404, JSON.stringify({ code: 'not-found', title: 'not found', status: 404 }), 'application/problem+json');
  if (url.pathname.startsWith('/tiles/')) return send(204, '');
  const file = join(dist, url.pathname === '/' ? 'index.html' : url.pathname);
  if (!file.startsWith(dist) || !existsSync(file)) return send(200, readFileSync(join(dist, 'index.html')), types['.html']);
  send(200, readFileSync(file), types[extname(file)] ?? 'application/octet-stream');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-background-networking', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${origin}/#/`);
await page.locator('nav[aria-label]').waitFor();
const t0 = Date.now();
await page.goto(`${origin}/#/map`);
await page.locator('[data-testid=register-map] canvas').waitFor();
const shown = `${N.toLocaleString('en')}`;
await page.waitForFunction((n) => document.querySelector('[role=status][aria-live]')?.textContent?.replace(/\D/g, '') === String(n), N, { timeout: 600_000, polling: 100 });
const loaded = Date.now() - t0;
// Then one zoom step inside the loaded box: no request, the clusters re-form.
const before = served;
const t1 = Date.now();
await page.evaluate(() => new Promise((r) => {
  const canvas = document.querySelector('[data-testid=register-map] canvas');
  canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, clientX: 640, clientY: 450, bubbles: true }));
  setTimeout(r, 50);
}));
await page.waitForFunction(() => !document.querySelector('[role=status][aria-live]')?.textContent?.includes('…'), null, { timeout: 60_000 });
const zoom = Date.now() - t1;
const heap = await page.evaluate(() => (performance.memory ? Math.round(performance.memory.usedJSHeapSize / 1048576) : null));
console.log(`objects in view: ${shown}; pages of ${PAGE}: ${Math.ceil(N / PAGE)}`);
console.log(`map screen opened → all drawn as clusters: ${(loaded / 1000).toFixed(1)} s`);
console.log(`zoom step inside the loaded box: ${zoom} ms, requests: ${served - before}`);
console.log(`page JS heap after: ${heap ?? '?'} MB`);
await browser.close();
server.close();
