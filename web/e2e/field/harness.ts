/**
 * End-to-end harness for field mode: a real `fito serve` on a temporary SQLite folder, the
 * built app (web/dist) served by a small front server that passes /api to fito unchanged —
 * and can, on request, lose the answer to a push AFTER fito committed it (the connection is
 * cut once the server has answered), or refuse pushes for a while (503) — and Debian's
 * Chromium through playwright-core (never a downloaded browser).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';

export const WEB = resolve(import.meta.dirname, '..', '..');
export const REPO = resolve(WEB, '..');

export function fitoBinary(): string {
  if (process.env.FITO_BIN) return process.env.FITO_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(REPO, 'target');
  return join(target, 'debug', 'fito');
}

export function buildWeb(): void {
  if (process.env.FITO_E2E_SKIP_BUILD === '1' && existsSync(join(WEB, 'dist', 'sw.js'))) return;
  const r = spawnSync('npx', ['vite', 'build'], { cwd: WEB, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

export interface Fito {
  api: string;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function startFito(): Promise<Fito> {
  const dir = mkdtempSync(join(tmpdir(), 'fito-field-e2e-'));
  const port = await freePort();
  const config = join(dir, 'fito.toml');
  writeFileSync(
    config,
    [
      `listen = "127.0.0.1:${port}"`,
      `data_dir = ${JSON.stringify(join(dir, 'data'))}`,
      'cookie_secure = false',
      'sqlite_synchronous_full = false',
      '[rate_limit]',
      'enabled = false',
      '[bootstrap]',
      'admin_email = "root@fito.test"',
      '',
    ].join('\n'),
  );
  const bin = fitoBinary();
  const env = { ...process.env, FITO_LOG: 'warn' };
  const created = spawnSync(bin, ['--config', config, 'admin', 'create', '--email', 'admin@fito.test'], { env, encoding: 'utf8' });
  const m = /administrator: (\S+) \/ (\S+)/.exec(created.stdout ?? '');
  if (created.status !== 0 || !m) throw new Error(`fito admin create failed: ${created.stderr}`);
  const child: ChildProcess = spawn(bin, ['--config', config, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20000)));
  const api = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${api}/readyz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (i > 300 || child.exitCode !== null) throw new Error(`fito serve did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    api,
    adminEmail: m[1]!,
    adminPassword: m[2]!,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
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

export interface Caller {
  token: string;
  email: string;
  password: string;
  userId: string;
}

export async function call(api: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(`${api}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
}

export async function firstSignIn(api: string, email: string, oneTime: string): Promise<Caller> {
  const a = await call(api, 'POST', '/api/v1/auth/login', undefined, { email, password: oneTime });
  if (a.status !== 200) throw new Error(`login ${a.status} ${JSON.stringify(a.body)}`);
  const password = `${oneTime}-Own-secret-9`;
  const c = await call(api, 'POST', '/api/v1/auth/password', a.body.token, { current_password: oneTime, new_password: password });
  if (c.status !== 204) throw new Error(`password ${c.status} ${JSON.stringify(c.body)}`);
  return { token: a.body.token, email, password, userId: a.body.user.id };
}

function checkDigit(first11: string): number | null {
  const d = [...first11].map(Number);
  const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
  const s1 = d.reduce((s, x, i) => s + x * w1[i]!, 0) % 11;
  if (s1 !== 10) return s1;
  const s2 = d.reduce((s, x, i) => s + x * w2[i]!, 0) % 11;
  return s2 !== 10 ? s2 : null;
}

let serial = 100 + (process.pid % 5000);
export function iin(): string {
  for (;;) {
    const s = `880315${3}${String(serial++ % 10000).padStart(4, '0')}`;
    const c = checkDigit(s);
    if (c !== null) return `${s}${c}`;
  }
}

export async function makeInspector(api: string, admin: Caller): Promise<Caller> {
  const orgs = await call(api, 'GET', '/api/v1/organizations', admin.token);
  const list = Array.isArray(orgs.body) ? orgs.body : orgs.body.items;
  const root = list[0].id as string;
  const email = `inspector.${Date.now()}@fito.test`;
  const u = await call(api, 'POST', '/api/v1/users', admin.token, {
    surname: 'Сейітқали',
    first_name: 'Әйгерім',
    patronymic: 'Қуанышқызы',
    phone: '+7 701 555 12 34',
    email,
    iin: iin(),
    position: 'Бас инспектор',
    role: 'inspector',
    organization_id: root,
  });
  if (u.status !== 201) throw new Error(`user ${u.status} ${JSON.stringify(u.body)}`);
  return firstSignIn(api, email, u.body.one_time_password);
}
