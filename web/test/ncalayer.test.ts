// R-AUTH-2, R-ACT-2: the portal's NCALayer client against a fake NCALayer speaking its protocol.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildSignRequest,
  CONNECTION_CLOSED,
  DEFAULT_URL,
  NcaLayerClient,
  NcaLayerError,
  OID,
  RESPONSE_TIMEOUT,
  type NcaLayerErrorKind,
} from '../src/esign/ncalayer.js';
import {
  blackHole,
  checkRequest,
  closedPort,
  ERROR_ANSWER,
  fakeCms,
  startFakeNcaLayer,
  wsFactory,
  type FakeNcaLayer,
  type Scenario,
} from './fake-ncalayer.js';

const DATA = Buffer.from('challenge: 32 random bytes \u0000\u00ff').toString('base64');
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanup.map((c) => c()));
  cleanup = [];
});

async function fake(scenario: Scenario): Promise<FakeNcaLayer> {
  const f = await startFakeNcaLayer(scenario);
  cleanup.push(() => f.close());
  return f;
}

function client(url: string, timeouts: { open?: number; response?: number } = {}): NcaLayerClient {
  return new NcaLayerClient({
    url,
    createSocket: wsFactory,
    openTimeoutMs: timeouts.open ?? 2_000,
    responseTimeoutMs: timeouts.response ?? 2_000,
  });
}

async function failure(p: Promise<unknown>): Promise<NcaLayerError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(NcaLayerError);
    return e as NcaLayerError;
  }
  throw new Error('expected a failure');
}

describe('the basics.sign request', () => {
  it('is built as NCALayer expects: attached for sign-in, detached for documents', () => {
    const signIn = buildSignRequest(DATA, { detached: false, lang: 'kk' });
    expect(signIn).toEqual({
      module: 'kz.gov.pki.knca.basics',
      method: 'sign',
      args: {
        allowedStorages: null,
        format: 'cms',
        data: DATA,
        signingParams: { decode: true, encapsulate: true, digested: false, tsaProfile: null },
        signerParams: { extKeyUsageOids: [OID.clientAuth, OID.legalEntity], chain: [] },
        locale: 'kk',
      },
    });
    const act = buildSignRequest(DATA, { detached: true, lang: 'ru', timestamp: true });
    expect(act.args.signingParams).toEqual({ decode: true, encapsulate: false, digested: false, tsaProfile: {} });
    expect(act.args.signerParams.extKeyUsageOids).toEqual([OID.emailProtection, OID.legalEntity]);
    expect(act.args.locale).toBe('ru');
    expect(checkRequest(signIn as unknown as Record<string, unknown>)).toEqual([]);
    expect(checkRequest(act as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('goes to wss://127.0.0.1:13579 by default', () => {
    expect(new NcaLayerClient().url).toBe(DEFAULT_URL);
    expect(DEFAULT_URL).toBe('wss://127.0.0.1:13579');
  });

  it('is refused by the fake when it would let an individual sign', () => {
    const req = buildSignRequest(DATA, { detached: true, lang: 'en' });
    req.args.signerParams.extKeyUsageOids = [OID.emailProtection];
    expect(checkRequest(req as unknown as Record<string, unknown>)).toContain(
      'keys must be filtered to legal entities (1.2.398.3.3.4.1.2)',
    );
  });
});

describe('signCms against the fake NCALayer', () => {
  it('returns the attached CMS and sends one well-formed request (sign-in)', async () => {
    const f = await fake('sign');
    const cms = await client(f.url).signCms(DATA, { detached: false, lang: 'kk' });
    expect(cms).toBe(fakeCms(Buffer.from(DATA, 'base64'), true));
    expect(f.violations).toEqual([]);
    expect(f.requests).toHaveLength(1);
    const args = f.requests[0]?.args as Record<string, Record<string, unknown>>;
    expect(args.signingParams?.encapsulate).toBe(true);
    expect(args.signerParams?.extKeyUsageOids).toContain(OID.legalEntity);
  });

  it('returns the detached CMS (acts) and asks for the signing key in the user language', async () => {
    const f = await fake('sign');
    const cms = await client(f.url).signCms(DATA, { detached: true, lang: 'en' });
    expect(cms).toBe(fakeCms(Buffer.from(DATA, 'base64'), false));
    expect(f.violations).toEqual([]);
    const args = f.requests[0]?.args as Record<string, unknown>;
    expect((args.signingParams as Record<string, unknown>).encapsulate).toBe(false);
    expect((args.signerParams as Record<string, unknown>).extKeyUsageOids).toEqual([OID.emailProtection, OID.legalEntity]);
    expect(args.locale).toBe('en');
  });

  it('accepts a bare string result too', async () => {
    const f = await fake('sign-string-result');
    const cms = await client(f.url).signCms(DATA, { detached: true, lang: 'kk' });
    expect(cms).toBe(f.lastCms);
    expect(cms).toBeDefined();
  });

  it('ignores the greeting and heartbeats', async () => {
    const f = await fake('heartbeat-then-sign');
    const cms = await client(f.url).signCms(DATA, { detached: false, lang: 'kk' });
    expect(cms).toBe(f.lastCms);
    expect(cms).toBeDefined();
  });

  it('takes the first answer and ignores later, duplicate frames', async () => {
    const f = await fake('duplicate');
    const cms = await client(f.url).signCms(DATA, { detached: false, lang: 'kk' });
    expect(cms).toBe(f.lastCms);
    expect(cms).toBeDefined();
  });

  it('serves several requests in a row, one socket each', async () => {
    const f = await fake('sign');
    const c = client(f.url);
    const a = await c.signCms(DATA, { detached: false, lang: 'kk' });
    const b = await c.signCms(Buffer.from('other').toString('base64'), { detached: true, lang: 'kk' });
    expect(a).not.toBe(b);
    expect(f.requests).toHaveLength(2);
    // Each socket is closed once answered: nothing stays connected to NCALayer.
    await vi.waitFor(() => expect(f.openSockets()).toBe(0));
  });

  const outcomes: [Scenario, NcaLayerErrorKind, string | undefined][] = [
    ['cancel', 'cancelled', undefined],
    ['error', 'failed', 'SIGNING_FAILURE'],
    ['module-not-found', 'failed', 'MODULE_NOT_FOUND'],
    ['close-without-answer', 'failed', CONNECTION_CLOSED],
    ['garbage', 'bad-response', undefined],
  ];
  for (const [scenario, kind, code] of outcomes) {
    it(`classifies "${scenario}" as ${kind}${code ? ` (${code})` : ''}`, async () => {
      const f = await fake(scenario);
      const e = await failure(client(f.url).signCms(DATA, { detached: false, lang: 'kk' }));
      expect(e.kind).toBe(kind);
      expect(e.code).toBe(code);
      expect(f.violations).toEqual([]);
    });
  }

  it('passes NCALayer’s own message along on failure', async () => {
    const f = await fake('error');
    const e = await failure(client(f.url).signCms(DATA, { detached: true, lang: 'kk' }));
    expect(e.detail).toBe(`${ERROR_ANSWER.message} — ${ERROR_ANSWER.details}`);
  });

  it('gives up waiting for the user after the response timeout', async () => {
    const f = await fake('silent');
    const e = await failure(client(f.url, { response: 150 }).signCms(DATA, { detached: false, lang: 'kk' }));
    expect(e.kind).toBe('failed');
    expect(e.code).toBe(RESPONSE_TIMEOUT);
  });

  it('is cancelled when the page calls the request off', async () => {
    const f = await fake('silent');
    const controller = new AbortController();
    const pending = client(f.url).signCms(DATA, { detached: false, lang: 'kk', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).kind).toBe('cancelled');
  });
});

describe('when NCALayer is not there', () => {
  it('reports not-running when nothing listens on the port', async () => {
    const port = await closedPort();
    const e = await failure(client(`ws://127.0.0.1:${port}`).signCms(DATA, { detached: false, lang: 'kk' }));
    expect(e.kind).toBe('not-running');
  });

  it('reports not-running when the socket does not open in time', async () => {
    const hole = await blackHole();
    cleanup.push(() => hole.close());
    const started = Date.now();
    const e = await failure(client(hole.url, { open: 150 }).signCms(DATA, { detached: false, lang: 'kk' }));
    expect(e.kind).toBe('not-running');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports not-running when the socket cannot even be created', async () => {
    const c = new NcaLayerClient({
      createSocket: () => {
        throw new Error('SecurityError');
      },
    });
    expect((await failure(c.signCms(DATA, { detached: false, lang: 'kk' }))).kind).toBe('not-running');
  });
});
