/**
 * A fake NCALayer for tests: a plain ws:// server on 127.0.0.1 that speaks the basics
 * protocol. It greets on connect, checks every request the way the portal must send it, and
 * answers as the scenario says. Its "CMS" is not a real signature, just bytes derived from the
 * request (0x30 0x80, "attached:"/"detached:", SHA-256 of the data, the data when attached),
 * so a test can tell which request produced a CMS the fake HTTP API received.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { OID, type WebSocketFactory, type WebSocketLike } from '../src/esign/ncalayer.js';

export type Scenario =
  | 'sign'
  | 'sign-string-result'
  | 'cancel'
  | 'error'
  | 'module-not-found'
  | 'close-without-answer'
  | 'silent'
  | 'garbage'
  | 'duplicate'
  | 'heartbeat-then-sign';

export interface FakeNcaLayer {
  url: string;
  /** Every request frame received, parsed. */
  requests: Record<string, unknown>[];
  /** What was wrong with requests (empty when the portal spoke the protocol correctly). */
  violations: string[];
  /** The CMS answered last. */
  lastCms: string | undefined;
  scenario: Scenario;
  /** Sockets still open to the fake. */
  openSockets(): number;
  close(): Promise<void>;
}

export const ERROR_ANSWER = {
  status: false,
  code: 'SIGNING_FAILURE',
  message: 'Ключ жарамсыз',
  details: 'KeyStore password incorrect',
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function fakeCms(data: Buffer, attached: boolean): string {
  const digest = createHash('sha256').update(data).digest();
  return Buffer.concat([
    Buffer.from([0x30, 0x80]),
    Buffer.from(attached ? 'attached:' : 'detached:'),
    digest,
    attached ? data : Buffer.alloc(0),
  ]).toString('base64');
}

/** Checks a request against what NCALayer's basics.sign expects from this portal. */
export function checkRequest(req: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  expect(req.module === 'kz.gov.pki.knca.basics', 'module must be kz.gov.pki.knca.basics');
  expect(req.method === 'sign', 'method must be sign');
  const args = req.args as Record<string, unknown> | undefined;
  if (typeof args !== 'object' || args === null) return [...problems, 'args must be an object'];
  expect(args.format === 'cms', 'format must be cms');
  expect(typeof args.data === 'string' && BASE64.test(args.data), 'data must be base64');
  expect(args.allowedStorages === null || Array.isArray(args.allowedStorages), 'allowedStorages: null or array');
  expect(['kk', 'ru', 'en'].includes(args.locale as string), 'locale must be kk, ru or en');
  const sp = args.signingParams as Record<string, unknown> | undefined;
  expect(sp?.decode === true, 'signingParams.decode must be true');
  expect(typeof sp?.encapsulate === 'boolean', 'signingParams.encapsulate must be boolean');
  expect(sp?.digested === false, 'signingParams.digested must be false');
  const signer = args.signerParams as Record<string, unknown> | undefined;
  const ekus = signer?.extKeyUsageOids;
  expect(Array.isArray(ekus), 'signerParams.extKeyUsageOids must be an array');
  if (Array.isArray(ekus)) {
    expect(ekus.includes(OID.legalEntity), 'keys must be filtered to legal entities (1.2.398.3.3.4.1.2)');
    expect(!ekus.includes('1.2.398.3.3.4.1.1'), 'individuals must not be asked for');
    if (sp?.encapsulate === true) {
      expect(ekus.includes(OID.clientAuth), 'sign-in (attached) uses the authentication key');
    } else {
      expect(ekus.includes(OID.emailProtection), 'documents (detached) use the signing key');
    }
  }
  expect(signer?.chain === null || Array.isArray(signer?.chain), 'signerParams.chain: null or array');
  return problems;
}

export async function startFakeNcaLayer(scenario: Scenario): Promise<FakeNcaLayer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeNcaLayer = {
    url: `ws://127.0.0.1:${port}`,
    requests: [],
    violations: [],
    lastCms: undefined,
    scenario,
    openSockets: () => server.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };

  server.on('connection', (socket) => {
    socket.send(JSON.stringify({ result: { version: '1.4' } }));
    socket.on('message', (raw, isBinary) => {
      const text = raw.toString();
      if (isBinary || text === '--heartbeat--') return;
      let req: Record<string, unknown>;
      try {
        req = JSON.parse(text) as Record<string, unknown>;
      } catch {
        fake.violations.push('request is not JSON');
        return;
      }
      fake.requests.push(req);
      const problems = checkRequest(req);
      if (problems.length > 0) {
        fake.violations.push(...problems);
        socket.send(JSON.stringify({ status: false, code: 'INVALID_SIGNING_PARAMS', message: problems.join('; ') }));
        return;
      }
      const args = req.args as { data: string; signingParams: { encapsulate: boolean } };
      const cms = fakeCms(Buffer.from(args.data, 'base64'), args.signingParams.encapsulate);
      const success = JSON.stringify({ status: true, body: { result: [cms] } });
      switch (fake.scenario) {
        case 'sign':
          fake.lastCms = cms;
          socket.send(success);
          break;
        case 'sign-string-result':
          fake.lastCms = cms;
          socket.send(JSON.stringify({ status: true, body: { result: cms } }));
          break;
        case 'heartbeat-then-sign':
          fake.lastCms = cms;
          socket.send('--heartbeat--');
          socket.send(JSON.stringify({ result: { version: '1.4' } }));
          socket.send(success);
          break;
        case 'duplicate':
          fake.lastCms = cms;
          socket.send(success);
          socket.send(JSON.stringify({ status: true, body: {} }));
          socket.send(JSON.stringify(ERROR_ANSWER));
          break;
        case 'cancel':
          socket.send(JSON.stringify({ status: true, body: {} }));
          break;
        case 'error':
          socket.send(JSON.stringify(ERROR_ANSWER));
          break;
        case 'module-not-found':
          socket.send(JSON.stringify({ success: false, errorCode: 'MODULE_NOT_FOUND' }));
          break;
        case 'close-without-answer':
          socket.close(1011, 'internal error');
          break;
        case 'garbage':
          socket.send('<html>not NCALayer</html>');
          break;
        case 'silent':
          break;
      }
    });
  });
  return fake;
}

/** The socket factory the tests inject: the `ws` package's client. */
export const wsFactory: WebSocketFactory = (url) => new WebSocket(url) as unknown as WebSocketLike;

/** A port nothing listens on: taken from the OS, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP server that accepts connections and never answers the WebSocket handshake. */
export async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
