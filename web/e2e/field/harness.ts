/**
 * Field mode's additions to the e2e harness (`e2e/harness.ts` starts the real `fito serve` on
 * a temporary SQLite folder and makes the people): the built app (web/dist) served by a front
 * server that passes /api to fito unchanged —
 * and can, on request, lose the answer to a push AFTER fito committed it (the connection is
 * cut once the server has answered), or refuse pushes for a while (503) — and Debian's
 * Chromium through playwright-core (never a downloaded browser).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

export const WEB = resolve(import.meta.dirname, '..', '..');
export const REPO = resolve(WEB, '..');

export function buildWeb(): void {
  if (process.env.FITO_E2E_SKIP_BUILD === '1' && existsSync(join(WEB, 'dist', 'sw.js'))) return;
  // NODE_ENV=test (set by vitest) would make Vite build a development bundle.
  const r = spawnSync('npx', ['vite', 'build'], { cwd: WEB, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('vite build failed');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export interface Front {
  url: string;
  /** The next `n` pushes reach fito, which commits; then the connection is cut. */
  cutPushAfterCommit(n: number): void;
  /** While true, pushes are answered 503 without reaching fito. */
  refusePushes: boolean;
  /** Appended to sw.js (a new service worker version). */
  swSuffix: string;
  pushesSeen: number;
  stop(): Promise<void>;
}

/** Serves web/dist (SPA fallback, `no-cache` for index.html and sw.js) and passes /api to fito. */
export async function startFront(api: string): Promise<Front> {
  const dist = join(WEB, 'dist');
  const state = { cut: 0 };
  const front: Front = {
    url: '',
    cutPushAfterCommit: (n) => (state.cut = n),
    refusePushes: false,
    swSuffix: '',
    pushesSeen: 0,
    stop: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    if (url.pathname.startsWith('/api/') || url.pathname === '/readyz') {
      const isPush = url.pathname === '/api/v1/sync/push';
      if (isPush) front.pushesSeen += 1;
      if (isPush && front.refusePushes) {
        res.writeHead(503, { 'content-type': 'application/problem+json' }).end('{"code":"service-unavailable","title":"x","status":503}');
        return;
      }
      const cut = isPush && state.cut > 0;
      if (cut) state.cut -= 1;
      const upstream = http.request(`${api}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(api).host } }, (up) => {
        if (cut) {
          // fito has committed and answered: the answer never reaches the phone.
          up.resume();
          up.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dist, path);
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
      path = '/index.html';
      file = join(dist, 'index.html');
    }
    let body: Buffer = readFileSync(file);
    const noCache = path === '/index.html' || path === '/sw.js';
    if (path === '/sw.js' && front.swSuffix) body = Buffer.concat([body, Buffer.from(`\n${front.swSuffix}\n`)]);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': noCache ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  front.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  front.stop = () => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  return front;
}

// ---- the API as a person would use it (node fetch, bearer tokens) ----

export async function call(api: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${api}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}
