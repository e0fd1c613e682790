// R-AUTH-2 (sign-in with the e-signature) and R-ACT-2 (the inspector signs the act):
// the flows over fetch, against a tiny fake Fito API and the fake NCALayer.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGS, Messages, type Lang } from '../src/i18n.js';
import { NcaLayerClient, NcaLayerError } from '../src/esign/ncalayer.js';
import { ApiError, signAct, signIn, type ApiContext } from '../src/esign/signin.js';
import { describeFailure } from '../src/esign/messages.js';
import { fakeCms, startFakeNcaLayer, wsFactory, type Scenario } from './fake-ncalayer.js';
import { ftlSources, webMessages } from './ftl.js';

// The fake API translates its problem titles with the server's own message file.
const serverMessages = new Messages(ftlSources('esign.ftl'));
const CHALLENGE = randomBytes(32);
const CHALLENGE_ID = '0190f1d2-6a1e-7c3b-9a55-1c2d3e4f5a6b';
const ACT_ID = '0190f1d2-6a1e-7c3b-9a55-aaaaaaaaaaaa';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100_000), Buffer.from('\n%%EOF\n')]);

interface FakeApi {
  baseUrl: string;
  /** Bodies posted, by path. */
  posted: Map<string, Record<string, unknown>>;
  headers: Map<string, IncomingMessage['headers']>;
  /** When set, the login / sign endpoint refuses with this problem code (HTTP 422). */
  refuse: string | undefined;
  /** The CMS the API expects (what the fake NCALayer produced). */
  expectCms: string | undefined;
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.map((c) => c()));
  cleanup = [];
});

function lang(req: IncomingMessage): Lang {
  const primary = (req.headers['accept-language'] ?? '').split(/[,;-]/)[0]?.trim();
  return LANGS.find((l) => l === primary) ?? 'kk';
}

async function startFakeApi(): Promise<FakeApi> {
  const api: FakeApi = {
    baseUrl: '',
    posted: new Map(),
    headers: new Map(),
    refuse: undefined,
    expectCms: undefined,
  };
  const problem = (res: ServerResponse, req: IncomingMessage, status: number, code: string): void => {
    res.writeHead(status, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', code, title: serverMessages.format(lang(req), code), status }));
  };
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      api.headers.set(`${req.method} ${path}`, req.headers);
      let body: Record<string, unknown> = {};
      if (chunks.length > 0) {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        api.posted.set(path, body);
      }
      if (req.method === 'POST' && path === '/api/v1/auth/challenge') {
        json(res, 201, {
          challenge_id: CHALLENGE_ID,
          challenge: CHALLENGE.toString('base64'),
          expires_at: '2026-11-20T10:05:00Z',
        });
      } else if (req.method === 'POST' && path === '/api/v1/auth/login/signature') {
        if (body.challenge_id !== CHALLENGE_ID) return problem(res, req, 401, 'signature-challenge-unknown');
        if (api.refuse) return problem(res, req, 422, api.refuse);
        if (body.cms !== api.expectCms) return problem(res, req, 422, 'sign-content-mismatch');
        json(res, 200, {
          token: 'tok-1',
          csrf_token: 'csrf-1',
          session_id: '0190f1d2-6a1e-7c3b-9a55-bbbbbbbbbbbb',
          expires_at: '2026-11-20T18:00:00Z',
          user: { id: 'u-1', surname: 'Сейтқали', roles: ['inspector'] },
        });
      } else if (req.method === 'GET' && path === `/api/v1/acts/${ACT_ID}/pdf`) {
        res.writeHead(200, { 'Content-Type': 'application/pdf' });
        res.end(PDF);
      } else if (req.method === 'GET' && path.endsWith('/pdf')) {
        problem(res, req, 404, 'not-found');
      } else if (req.method === 'POST' && path === `/api/v1/acts/${ACT_ID}/sign`) {
        if (req.headers['x-csrf-token'] !== 'csrf-1') return problem(res, req, 403, 'signature-no-user');
        if (api.refuse) return problem(res, req, 422, api.refuse);
        if (body.cms !== api.expectCms) return problem(res, req, 422, 'sign-content-mismatch');
        json(res, 200, { id: ACT_ID, status: 'signed', version: (body.version as number) + 1 });
      } else if (path === '/broken') {
        res.writeHead(500, { 'Content-Type': 'text/html' });
        res.end('<h1>Bad gateway</h1>');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return api;
}

async function setup(scenario: Scenario = 'sign', language: Lang = 'kk') {
  const api = await startFakeApi();
  const nca = await startFakeNcaLayer(scenario);
  cleanup.push(() => nca.close());
  const ctx: ApiContext = {
    lang: language,
    baseUrl: api.baseUrl,
    signer: new NcaLayerClient({ url: nca.url, createSocket: wsFactory, responseTimeoutMs: 2_000 }),
  };
  return { api, nca, ctx };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('signIn', () => {
  it('signs the challenge attached and posts exactly the CMS NCALayer made', async () => {
    const { api, nca, ctx } = await setup();
    api.expectCms = fakeCms(CHALLENGE, true);
    const session = await signIn(ctx);
    expect(session.token).toBe('tok-1');
    expect(session.csrf_token).toBe('csrf-1');
    expect(nca.violations).toEqual([]);
    const args = nca.requests[0]?.args as Record<string, unknown>;
    expect(args.data).toBe(CHALLENGE.toString('base64'));
    expect((args.signingParams as Record<string, unknown>).encapsulate).toBe(true);
    expect(args.locale).toBe('kk');
    expect(api.posted.get('/api/v1/auth/login/signature')).toEqual({ challenge_id: CHALLENGE_ID, cms: nca.lastCms });
  });

  for (const language of LANGS) {
    it(`returns a refusal typed, with its code and the title in ${language}`, async () => {
      const { api, ctx } = await setup('sign', language);
      api.refuse = 'sign-individual-certificate';
      const e = await rejection(signIn(ctx));
      expect(e).toBeInstanceOf(ApiError);
      const err = e as ApiError;
      expect(err.kind).toBe('problem');
      expect(err.status).toBe(422);
      expect(err.code).toBe('sign-individual-certificate');
      expect(err.title).toBe(serverMessages.format(language, 'sign-individual-certificate'));
      expect(api.headers.get('POST /api/v1/auth/login/signature')?.['accept-language']).toBe(language);
      expect(describeFailure(err, language, webMessages())).toBe(err.title);
    });
  }

  it('does not post anything when the user cancels in NCALayer', async () => {
    const { api, ctx } = await setup('cancel', 'ru');
    const e = await rejection(signIn(ctx));
    expect(e).toBeInstanceOf(NcaLayerError);
    expect((e as NcaLayerError).kind).toBe('cancelled');
    expect(api.posted.has('/api/v1/auth/login/signature')).toBe(false);
    expect(describeFailure(e, 'ru', webMessages())).toBe(webMessages().format('ru', 'ncalayer-cancelled'));
  });

  it('says plainly that NCALayer is not running', async () => {
    const { ctx } = await setup();
    const e = await rejection(
      signIn({ ...ctx, signer: new NcaLayerClient({ url: 'ws://127.0.0.1:1', createSocket: wsFactory }) }),
    );
    expect((e as NcaLayerError).kind).toBe('not-running');
    const text = describeFailure(e, 'kk', webMessages());
    expect(text).toContain('NCALayer');
    expect(text).toContain('ncl.pki.gov.kz');
  });

  it('reports an unreachable server as such', async () => {
    const { ctx } = await setup();
    const e = await rejection(signIn({ ...ctx, baseUrl: 'http://127.0.0.1:1' }));
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).kind).toBe('unreachable');
    expect(describeFailure(e, 'en', webMessages())).toBe(webMessages().format('en', 'api-unreachable'));
  });

  it('reports a non-problem error page as bad-response', async () => {
    const { api, ctx } = await setup();
    const e = await rejection(
      signIn({ ...ctx, fetch: (_input, init) => globalThis.fetch(`${api.baseUrl}/broken`, init) }),
    );
    expect((e as ApiError).kind).toBe('bad-response');
    expect((e as ApiError).status).toBe(500);
  });
});

describe('signAct', () => {
  it('signs the act PDF detached with the signing key and posts {version, cms}', async () => {
    const { api, nca, ctx } = await setup('sign', 'en');
    api.expectCms = fakeCms(PDF, false);
    const act = await signAct(ACT_ID, 7, { ...ctx, csrfToken: 'csrf-1' });
    expect(act).toEqual({ id: ACT_ID, status: 'signed', version: 8 });
    expect(nca.violations).toEqual([]);
    const args = nca.requests[0]?.args as Record<string, unknown>;
    expect(args.data).toBe(PDF.toString('base64'));
    expect((args.signingParams as Record<string, unknown>).encapsulate).toBe(false);
    expect(api.posted.get(`/api/v1/acts/${ACT_ID}/sign`)).toEqual({ version: 7, cms: nca.lastCms });
  });

  it('returns the server refusal typed (e.g. not the inspector)', async () => {
    const { api, ctx } = await setup('sign', 'kk');
    api.refuse = 'signature-not-the-inspector';
    const e = (await rejection(signAct(ACT_ID, 7, { ...ctx, csrfToken: 'csrf-1' }))) as ApiError;
    expect(e.code).toBe('signature-not-the-inspector');
    expect(e.title).toBe(serverMessages.format('kk', 'signature-not-the-inspector'));
  });

  it('stops before NCALayer when the PDF cannot be fetched', async () => {
    const { nca, ctx } = await setup();
    const e = (await rejection(signAct('missing', 1, ctx))) as ApiError;
    expect(e.kind).toBe('problem');
    expect(e.status).toBe(404);
    expect(nca.requests).toHaveLength(0);
  });

  it('reports NCALayer errors with NCALayer’s message', async () => {
    const { api, ctx } = await setup('error', 'kk');
    const e = await rejection(signAct(ACT_ID, 7, { ...ctx, csrfToken: 'csrf-1' }));
    expect((e as NcaLayerError).kind).toBe('failed');
    expect(describeFailure(e, 'kk', webMessages())).toContain('KeyStore password incorrect');
    expect(api.posted.has(`/api/v1/acts/${ACT_ID}/sign`)).toBe(false);
  });
});
