/**
 * The end-to-end harness: a real `fito serve` on a temporary SQLite data folder, the built
 * web app (web/dist) served by a small static server that passes /api to it, and the data
 * the scenarios need, made through the public API. Nothing leaves the machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = resolve(fileURLToPath(new URL('..', import.meta.url)));
const REPO = resolve(WEB, '..');
export const DIST = join(WEB, 'dist');
export const PASSWORD = 'Fito-e2e-Password-2026';

/** The fito binary: FITO_BIN, or the debug build (built here when missing). */
export function fitoBinary(): string {
  if (process.env.FITO_BIN) return process.env.FITO_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(REPO, 'target');
  const bin = join(target, 'debug', 'fito');
  const built = spawnSync('cargo', ['build', '-q', '-p', 'fito'], { cwd: REPO, stdio: 'inherit' });
  if (built.status !== 0 && !existsSync(bin)) throw new Error('cargo build -p fito failed');
  return bin;
}

export interface Fito {
  origin: string;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export async function startFito(seedPolicy = false): Promise<Fito> {
  const bin = fitoBinary();
  const data = mkdtempSync(join(tmpdir(), 'fito-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ['serve'], {
    // No seed policy unless asked: the scenarios publish their own (the consent one does).
    env: { ...process.env, FITO_LISTEN: `127.0.0.1:${port}`, FITO_DATA_DIR: data, FITO_LOG: 'warn', FITO_SEED_POLICY: seedPolicy ? 'true' : 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave the server behind, even when the test run ends abruptly.
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`fito serve exited: ${err.slice(-2000)}`);
    const ok = await fetch(`${origin}/readyz`).then((r) => r.ok, () => false);
    if (ok && /first administrator: /.test(out)) break;
    if (Date.now() - started > 60_000) throw new Error(`fito serve did not come up: ${err.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const m = /first administrator: (\S+) \/ (\S+)/.exec(out);
  if (!m) throw new Error(`no first administrator in: ${out}`);
  return {
    origin,
    adminEmail: m[1] as string,
    adminPassword: m[2] as string,
    stop: async () => {
      process.off('exit', kill);
      child.kill('SIGTERM');
      // A graceful stop waits for open connections: not longer than 5 s.
      const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
      clearTimeout(hard);
      rmSync(data, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The strict content security policy `fito serve` sends with the app (R-SEC-1): the app
 * must work under it (no inline scripts or styles, workers from itself or blob:).
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
  "connect-src 'self' wss://127.0.0.1:13579; worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Serves web/dist (index.html for unknown paths) with that policy, and passes /api and /healthz to fito. */
export async function startWeb(apiOrigin: string): Promise<{ origin: string; stop(): Promise<void> }> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist is missing: run `npm run build` first');
  const api = new URL(apiOrigin);
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/ogc') || url === '/healthz' || url === '/readyz') {
      const upstream = request(
        { host: api.hostname, port: api.port, path: url, method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
      return;
    }
    const path = normalize(decodeURIComponent(url.split('?')[0] ?? '/')).replace(/^(\.\.[/\\])+/, '');
    let file = join(DIST, path);
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

/** A minimal API caller with a bearer token (test setup only; the browser uses cookies). */
export class Client {
  constructor(
    readonly origin: string,
    public token = '',
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(`${this.origin}${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async signIn(email: string, password: string): Promise<void> {
    const a = await this.call<{ token: string }>('POST', '/api/v1/auth/login', { email, password });
    this.token = a.token;
  }
}

/** A valid IIN for someone born on 1985-04-12 (YYMMDD 850412, century digit 3) with serial n. */
export function iin(n: number): string {
  for (let serial = n; ; serial += 1000) {
    const s = `8504123${String(serial % 10_000).padStart(4, '0')}`;
    const d = [...s].map(Number);
    const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let c = d.reduce((a, x, i) => a + x * (w1[i] as number), 0) % 11;
    if (c === 10) c = d.reduce((a, x, i) => a + x * (w2[i] as number), 0) % 11;
    if (c !== 10) return `${s}${c}`;
  }
}

export interface Person {
  email: string;
  password: string;
  id: string;
}

export interface World {
  admin: Person;
  head: Person;
  inspector: Person;
  operator: Person;
  /** A person created but never signed in: signs in with this one-time password. */
  newcomer: { email: string; oneTime: string };
  fieldId: string;
  fieldName: string;
  draftActId: string;
}

/** Everything the scenarios start from, made through the API as people would. */
export async function seed(fito: Fito): Promise<World> {
  const admin = new Client(fito.origin);
  await admin.signIn(fito.adminEmail, fito.adminPassword);
  await admin.call('POST', '/api/v1/auth/password', { current_password: fito.adminPassword, new_password: PASSWORD });
  const me = await admin.call<{ id: string; organization_id: string }>('GET', '/api/v1/me');
  const orgs = await admin.call<Array<{ id: string; depth: number }>>('GET', '/api/v1/organizations');
  const org = me.organization_id ?? orgs[0]?.id;
  let n = 1;
  const make = async (role: string, surname: string, first: string, signIn = true) => {
    const email = `${role}${n}@fito.e2e`;
    const made = await admin.call<{ user: { id: string }; one_time_password: string }>('POST', '/api/v1/users', {
      surname,
      first_name: first,
      patronymic: null,
      phone: '+7 701 555 12 34',
      email,
      iin: iin(n++),
      position: 'Маман',
      organization_id: org,
      role,
    });
    if (signIn) {
      const c = new Client(fito.origin);
      await c.signIn(email, made.one_time_password);
      await c.call('POST', '/api/v1/auth/password', { current_password: made.one_time_password, new_password: PASSWORD });
    }
    return { email, password: PASSWORD, id: made.user.id, oneTime: made.one_time_password };
  };
  const head = await make('head', 'Омаров', 'Бауыржан');
  const inspector = await make('inspector', 'Сейітқали', 'Әйгерім');
  const operator = await make('operator', 'Ким', 'Алина');
  const newcomer = await make('operator', 'Жаңа', 'Қызметкер', false);

  const insp = new Client(fito.origin);
  await insp.signIn(inspector.email, PASSWORD);
  const fieldName = 'Бидай алқабы №1';
  const field = await insp.call<{ id: string }>('POST', '/api/v1/objects', {
    type: 'field',
    name: fieldName,
    kato: null,
    crop: 'wheat_spring',
    geometry: { type: 'Polygon', coordinates: [[[71.4, 51.1], [71.41, 51.1], [71.41, 51.11], [71.4, 51.11], [71.4, 51.1]]] },
  });
  const survey = await insp.call<{ id: string }>('POST', '/api/v1/surveys', {
    object_id: field.id,
    surveyed_at: '2026-06-10T05:30:00Z',
    crop: 'wheat_spring',
    points: [{ lat: 51.105, lon: 71.405, accuracy_m: 4.5, fixed_at: '2026-06-10T05:31:00Z', findings: [{ organism: 'ACLRGL', area_surveyed_ha: 2.0, area_infested_ha: 0.5 }] }],
  });
  const act = await insp.call<{ id: string }>('POST', `/api/v1/surveys/${survey.id}/acts`, {
    act_type: 'quarantine-survey',
    language: 'kk',
    location: 'Астана қ., Есіл ауданы',
    conclusions: 'Карантиндік ағза анықталды.',
  });
  return {
    admin: { email: fito.adminEmail, password: PASSWORD, id: me.id },
    head,
    inspector,
    operator,
    newcomer: { email: newcomer.email, oneTime: newcomer.oneTime },
    fieldId: field.id,
    fieldName,
    draftActId: act.id,
  };
}
