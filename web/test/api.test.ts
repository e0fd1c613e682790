// The portal's API client: cookie session with the CSRF header on writes, the user's
// language, problem+json refusals as typed errors the shell reacts to (R-SEC-1, R-I18N-1).
import { describe, expect, it } from 'vitest';
import { Api, ApiError, readCookie, withQuery } from '../src/app/api.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(answer: (req: Seen) => Response, seen: Seen[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req: Seen = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: init?.body,
    };
    seen.push(req);
    return answer(req);
  }) as typeof fetch;
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('Api', () => {
  it('sends the CSRF token on writes only, and the chosen language on every call', async () => {
    const seen: Seen[] = [];
    const api = new Api({ lang: () => 'ru', fetch: fakeFetch(() => json(200, { ok: true }), seen), csrf: () => 'tok-1' });
    await api.get('/api/v1/me');
    await api.post('/api/v1/objects', { name: 'Бидай' });
    expect(seen[0]?.headers['X-CSRF-Token']).toBeUndefined();
    expect(seen[0]?.headers['Accept-Language']).toBe('ru');
    expect(seen[1]?.headers['X-CSRF-Token']).toBe('tok-1');
    expect(seen[1]?.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(seen[1]?.body))).toEqual({ name: 'Бидай' });
  });

  it('falls back to the token of the sign-in answer when there is no cookie', async () => {
    const seen: Seen[] = [];
    const api = new Api({ lang: () => 'kk', fetch: fakeFetch(() => new Response(null, { status: 204 }), seen), csrf: () => undefined });
    api.setCsrf('from-login');
    expect(await api.post('/api/v1/auth/logout')).toBeUndefined();
    expect(seen[0]?.headers['X-CSRF-Token']).toBe('from-login');
  });

  it('throws a problem+json refusal with its code and translated title, and tells the listeners', async () => {
    const seen: Seen[] = [];
    const problem = { type: 'about:blank', code: 'consent-required', title: 'Саясатты қабылдаңыз', status: 403, version: '2026-1' };
    const api = new Api({ lang: () => 'kk', fetch: fakeFetch(() => json(403, problem, 'application/problem+json'), seen) });
    const heard: ApiError[] = [];
    api.onProblem((e) => heard.push(e));
    const error = await api.get('/api/v1/objects').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('consent-required');
    expect((error as ApiError).title).toBe('Саясатты қабылдаңыз');
    expect((error as ApiError).problem?.version).toBe('2026-1');
    expect(heard.map((e) => e.code)).toEqual(['consent-required']);
  });

  it('tells an unreachable server from an unreadable answer', async () => {
    const down = new Api({ lang: () => 'en', fetch: (async () => { throw new TypeError('network'); }) as typeof fetch });
    expect(((await down.get('/x').catch((e: unknown) => e)) as ApiError).kind).toBe('unreachable');
    const odd = new Api({ lang: () => 'en', fetch: fakeFetch(() => new Response('<html>', { status: 502 }), []) });
    const e = (await odd.get('/x').catch((x: unknown) => x)) as ApiError;
    expect(e.kind).toBe('bad-response');
    expect(e.status).toBe(502);
  });

  it('sends a file as it is (document upload), not as JSON', async () => {
    const seen: Seen[] = [];
    const api = new Api({ lang: () => 'kk', fetch: fakeFetch(() => json(201, { id: 'd1' }), seen), csrf: () => 't' });
    const file = new Blob(['%PDF-1.7 …'], { type: 'application/pdf' });
    await api.send('POST', '/api/v1/objects/o1/documents', 'application/json', {
      query: { name: 'акт.pdf' },
      body: file,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(seen[0]?.body).toBe(file);
    expect(seen[0]?.url).toBe('/api/v1/objects/o1/documents?name=%D0%B0%D0%BA%D1%82.pdf');
    expect(seen[0]?.headers['Content-Type']).toBe('application/octet-stream');
  });

  it('builds queries without empty values and reads cookies', () => {
    expect(withQuery('/api/v1/objects', { type: 'field', crop: '', after: undefined, limit: 50 })).toBe('/api/v1/objects?type=field&limit=50');
    expect(withQuery('/a?x=1', { y: 2 })).toBe('/a?x=1&y=2');
    expect(readCookie('a=1; fito_csrf=abc%3D; b=2', 'fito_csrf')).toBe('abc=');
    expect(readCookie('a=1', 'fito_csrf')).toBeUndefined();
  });
});
