/**
 * A fake Fito Sync API behind a fake `fetch` (the engine's only network edge), speaking the
 * protocol of CONTRACTS.md "Sync". It can cut a push BEFORE the server commits (the request
 * never arrives), AFTER it commits (the answer is lost), or in the middle of the answer's body.
 */
export type Cut = 'none' | 'before' | 'after' | 'body';

interface Stored {
  kind: string;
  version: number;
  data: string;
}

export class FakeSyncServer {
  readonly records = new Map<string, Stored>();
  /** How many times each id was written (created or updated). */
  readonly writes = new Map<string, number>();
  /** Changes to pull, in order. */
  readonly changes: Array<{ kind: string; id: string; version: number; data: Record<string, unknown> | null }> = [];
  /** The next pushes' fates, first first; afterwards 'none'. */
  cuts: Cut[] = [];
  /** Answer 401 to everything. */
  signedOut = false;
  /** Reject records whose data has `bad: true`. */
  pushes = 0;

  /** Someone else changed a record on the server. */
  changeOnServer(id: string, data: Record<string, unknown>): void {
    const r = this.records.get(id);
    if (!r) throw new Error('no such record');
    r.version += 1;
    r.data = JSON.stringify(data);
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://fito.test');
    if (this.signedOut) return problem(401, 'auth-required', 'Sign in');
    if (url.pathname === '/api/v1/sync/push' && init?.method === 'POST') {
      this.pushes += 1;
      const cut = this.cuts.shift() ?? 'none';
      if (cut === 'before') throw new TypeError('Failed to fetch');
      const body = JSON.parse(String(init.body)) as { records: Array<{ kind: string; id: string; base_version: number | null; data: Record<string, unknown> }> };
      const results = body.records.map((r) => this.apply(r));
      if (cut === 'after') throw new TypeError('Failed to fetch');
      if (cut === 'body') {
        return new Response('{"results":[{"id"', { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      return json(200, { results });
    }
    if (url.pathname === '/api/v1/sync/pull') {
      const from = Number(url.searchParams.get('cursor') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? '500');
      const page = this.changes.slice(from, from + limit);
      const next = from + page.length;
      return json(200, { cursor: String(next), more: next < this.changes.length, changes: page });
    }
    return problem(404, 'not-found', 'Not found');
  };

  private apply(r: { kind: string; id: string; base_version: number | null; data: Record<string, unknown> }): Record<string, unknown> {
    if (r.data.bad === true) {
      return { id: r.id, kind: r.kind, status: 'rejected', problem: { code: 'validation', title: 'Жарамсыз', status: 422 } };
    }
    const data = JSON.stringify(r.data);
    const current = this.records.get(r.id);
    if (!current) {
      if (r.base_version !== null) {
        return { id: r.id, kind: r.kind, status: 'rejected', problem: { code: 'not-found', title: 'Жоқ', status: 404 } };
      }
      this.records.set(r.id, { kind: r.kind, version: 1, data });
      this.writes.set(r.id, (this.writes.get(r.id) ?? 0) + 1);
      return { id: r.id, kind: r.kind, status: 'applied', version: 1 };
    }
    if (current.data === data) return { id: r.id, kind: r.kind, status: 'unchanged', version: current.version };
    if (r.base_version !== current.version) {
      return { id: r.id, kind: r.kind, status: 'conflict', version: current.version, server: JSON.parse(current.data) };
    }
    current.version += 1;
    current.data = data;
    this.writes.set(r.id, (this.writes.get(r.id) ?? 0) + 1);
    return { id: r.id, kind: r.kind, status: 'applied', version: current.version };
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function problem(status: number, code: string, title: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', code, title, status }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
