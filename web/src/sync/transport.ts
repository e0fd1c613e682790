/**
 * The Sync API over HTTP (CONTRACTS.md "Sync"): `POST /api/v1/sync/push` and
 * `GET /api/v1/sync/pull`. Failures are sorted by what the engine should do next:
 * retry later (`network`, `server`), wait for the user to sign in (`auth`), or show the
 * server's refusal of the whole batch (`refused`).
 */
import type { PullAnswer, PushRecord, PushResult } from '../api/types.js';
import type { Problem } from './db.js';

export interface SyncTransport {
  push(records: PushRecord[]): Promise<PushResult[]>;
  pull(cursor: string | null, limit: number): Promise<PullAnswer>;
}

export type TransportFailure = 'network' | 'server' | 'auth' | 'refused' | 'bad-response';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    readonly status?: number,
    readonly problem?: Problem,
  ) {
    super(problem?.title ?? `sync ${failure}${status ? ` (${status})` : ''}`);
    this.name = 'TransportError';
  }

  /** Worth trying again by itself later (the connection or the server's load). */
  get retryable(): boolean {
    return this.failure === 'network' || this.failure === 'server' || this.failure === 'bad-response';
  }
}

export interface HttpTransportOptions {
  fetch?: typeof fetch;
  /** '' (same origin) by default. */
  baseUrl?: string;
  /** Accept-Language, X-Device-Id, X-CSRF-Token, Authorization …, read at each request. */
  headers?: () => Record<string, string>;
}

export function httpTransport(options: HttpTransportOptions = {}): SyncTransport {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers?.() ?? {}) };
    const init: RequestInit = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await doFetch(`${base}/api/v1${path}`, init);
    } catch {
      throw new TransportError('network');
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      // A cut in the middle of the body: the server may have committed; retrying is safe.
      throw new TransportError(response.ok ? 'network' : failureOf(response.status), response.status);
    }
    if (!response.ok) {
      const problem = isObject(json) ? (json as Problem) : undefined;
      throw new TransportError(failureOf(response.status, problem), response.status, problem);
    }
    return json;
  }

  return {
    async push(records) {
      const json = await call('POST', '/sync/push', { records });
      if (!isObject(json) || !Array.isArray(json.results)) throw new TransportError('bad-response', 200);
      return json.results as PushResult[];
    },
    async pull(cursor, limit) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      const json = await call('GET', `/sync/pull?${query.toString()}`);
      if (!isObject(json) || typeof json.cursor !== 'string' || typeof json.more !== 'boolean' || !Array.isArray(json.changes)) {
        throw new TransportError('bad-response', 200);
      }
      return json as unknown as PullAnswer;
    },
  };
}

function failureOf(status: number, problem?: Problem): TransportFailure {
  if (status === 401 || (status === 403 && problem?.code === 'consent-required')) return 'auth';
  if (status === 408 || status === 429 || status >= 500) return 'server';
  return 'refused';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
