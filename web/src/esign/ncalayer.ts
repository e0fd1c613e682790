/**
 * NCALayer client: asks the NCA RK desktop component (listening on the user's own machine
 * at wss://127.0.0.1:13579) for a CMS signature, using its `kz.gov.pki.knca.basics` module.
 *
 * Protocol (one JSON text frame each way):
 *
 *   request  {"module":"kz.gov.pki.knca.basics","method":"sign","args":{
 *               "allowedStorages": null | ["PKCS12", "AKKaztokenStore", …],
 *               "format": "cms",
 *               "data": "<base64>",
 *               "signingParams": {"decode": true, "encapsulate": <attached?>, "digested": false,
 *                                 "tsaProfile": null | {}},
 *               "signerParams": {"extKeyUsageOids": [...], "chain": [] | null},
 *               "locale": "kk" | "ru" | "en"}}
 *   greeting {"result":{"version":"1.4"}}       sent by NCALayer once the socket opens: ignored
 *   success  {"status":true,"body":{"result":["<base64 CMS>"]}}   (a bare string also seen)
 *   cancel   {"status":true,"body":{}}          the user closed NCALayer's dialog
 *   error    {"status":false,"code":"SIGNING_FAILURE","message":"…","details":"…"}
 *   too old  {"success":false,"errorCode":"MODULE_NOT_FOUND"}  (an NCALayer without basics)
 *
 * One request per socket: the socket is opened for the request and closed once it is
 * answered, so a late or duplicate frame can never be taken for the answer to a later
 * request. Every outcome other than a CMS is a typed {@link NcaLayerError}.
 */

import type { Lang } from '../i18n.js';

export type { Lang };

/** What went wrong, in the terms the user is told about. */
export type NcaLayerErrorKind =
  /** Nothing answers at the URL (NCALayer not started or not installed), or it did not open in time. */
  | 'not-running'
  /** The user closed NCALayer's key dialog (or the page called off the request). */
  | 'cancelled'
  /** NCALayer answered with an error, closed the connection without answering, or took too long. */
  | 'failed'
  /** NCALayer answered something that is not its protocol. */
  | 'bad-response';

/** Codes of `failed` that the client itself assigns (NCALayer's own codes pass through). */
export const CONNECTION_CLOSED = 'CONNECTION_CLOSED';
export const RESPONSE_TIMEOUT = 'RESPONSE_TIMEOUT';

export class NcaLayerError extends Error {
  readonly kind: NcaLayerErrorKind;
  /** NCALayer's error code (`SIGNING_FAILURE` …) or one of ours (`CONNECTION_CLOSED`, `RESPONSE_TIMEOUT`). */
  readonly code: string | undefined;
  /** NCALayer's own message and details, shown to the user as is (it is localised by NCALayer). */
  readonly detail: string | undefined;

  constructor(kind: NcaLayerErrorKind, options: { code?: string; detail?: string; cause?: unknown } = {}) {
    super(`NCALayer: ${kind}${options.code ? ` ${options.code}` : ''}${options.detail ? `: ${options.detail}` : ''}`);
    this.name = 'NcaLayerError';
    this.kind = kind;
    this.code = options.code;
    this.detail = options.detail;
    if (options.cause !== undefined) {
      (this as { cause?: unknown }).cause = options.cause;
    }
  }
}

/** The part of the browser's WebSocket the client uses; `ws` sockets fit it too. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export const DEFAULT_URL = 'wss://127.0.0.1:13579';
export const MODULE_BASICS = 'kz.gov.pki.knca.basics';

/** Extended Key Usage OIDs NCALayer filters keys by (all listed must be present). */
export const OID = {
  /** id-kp-clientAuth: NCA's authentication keys (RSA "AUTH_RSA…" sets; GOST-2015 keys carry both). */
  clientAuth: '1.3.6.1.5.5.7.3.2',
  /** id-kp-emailProtection: NCA's signing keys. */
  emailProtection: '1.3.6.1.5.5.7.3.4',
  /** NCA RK: an employee of a legal entity (R-AUTH-4); individuals carry 1.2.398.3.3.4.1.1. */
  legalEntity: '1.2.398.3.3.4.1.2',
} as const;

/** Which key the user must pick: the one to sign in with, or the one to sign documents with. */
export type KeyPurpose = 'sign-in' | 'signing';

export function extKeyUsageOids(purpose: KeyPurpose): string[] {
  return purpose === 'sign-in'
    ? [OID.clientAuth, OID.legalEntity]
    : [OID.emailProtection, OID.legalEntity];
}

export interface NcaLayerOptions {
  /** Where NCALayer listens; tests point this at a fake (ws://127.0.0.1:<port>). */
  url?: string;
  /** Creates the socket; the browser's `WebSocket` by default. */
  createSocket?: WebSocketFactory;
  /** How long the socket may take to open before NCALayer counts as not running. */
  openTimeoutMs?: number;
  /** How long the user may spend in NCALayer's dialog (choosing the key, typing the password). */
  responseTimeoutMs?: number;
  /** Key stores offered; null lets NCALayer show every kind it supports. */
  allowedStorages?: string[] | null;
  /**
   * CA certificates (PEM) NCALayer builds the chain with. `[]` (the default) skips NCALayer's
   * own chain building, so keys from NCA's test CA can be chosen in staging; the server verifies
   * the chain against its configured NCA roots in every case. null = NCALayer's built-in NCA roots.
   */
  chain?: string[] | null;
}

export interface SignCmsOptions {
  /** false: the data goes inside the CMS (sign-in); true: a detached CMS (acts). */
  detached: boolean;
  /** Language of NCALayer's dialog. */
  lang: Lang;
  /** Which key may be chosen; by default the sign-in key for attached, the signing key for detached. */
  purpose?: KeyPurpose;
  /** Ask NCALayer to add a time-stamp from tsp.pki.gov.kz (tsaProfile {}); off by default. */
  timestamp?: boolean;
  /** Lets the page call the request off (e.g. the user leaves the form): rejects as `cancelled`. */
  signal?: AbortSignal;
}

/** The request frame of `basics.sign`. */
export interface BasicsSignRequest {
  module: typeof MODULE_BASICS;
  method: 'sign';
  args: {
    allowedStorages: string[] | null;
    format: 'cms';
    data: string;
    signingParams: {
      decode: true;
      encapsulate: boolean;
      digested: false;
      tsaProfile: Record<string, never> | null;
    };
    signerParams: { extKeyUsageOids: string[]; chain: string[] | null };
    locale: Lang;
  };
}

export function buildSignRequest(
  dataBase64: string,
  options: SignCmsOptions,
  client: Pick<NcaLayerOptions, 'allowedStorages' | 'chain'> = {},
): BasicsSignRequest {
  const purpose = options.purpose ?? (options.detached ? 'signing' : 'sign-in');
  return {
    module: MODULE_BASICS,
    method: 'sign',
    args: {
      allowedStorages: client.allowedStorages ?? null,
      format: 'cms',
      data: dataBase64,
      signingParams: {
        decode: true,
        encapsulate: !options.detached,
        digested: false,
        tsaProfile: options.timestamp ? {} : null,
      },
      signerParams: {
        extKeyUsageOids: extKeyUsageOids(purpose),
        chain: client.chain === undefined ? [] : client.chain,
      },
      locale: options.lang,
    },
  };
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads one frame: a CMS, an error to throw, or null for frames that are not the answer. */
export function interpretFrame(data: unknown): string | NcaLayerError | null {
  if (typeof data !== 'string') {
    return new NcaLayerError('bad-response', { detail: 'binary frame' });
  }
  if (data === '--heartbeat--') {
    return null;
  }
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return new NcaLayerError('bad-response', { detail: data.slice(0, 200) });
  }
  if (!isObject(frame)) {
    return new NcaLayerError('bad-response', { detail: data.slice(0, 200) });
  }
  if (!('status' in frame)) {
    // The greeting NCALayer sends on open.
    if (isObject(frame.result) && 'version' in frame.result) {
      return null;
    }
    // An NCALayer without the basics module, or another failure of its dispatcher.
    if (frame.success === false && typeof frame.errorCode === 'string') {
      return new NcaLayerError('failed', { code: frame.errorCode });
    }
    return new NcaLayerError('bad-response', { detail: data.slice(0, 200) });
  }
  if (frame.status === false) {
    const code = typeof frame.code === 'string' ? frame.code : undefined;
    const parts = [frame.message, frame.details].filter(
      (p): p is string => typeof p === 'string' && p.trim() !== '',
    );
    return new NcaLayerError('failed', {
      ...(code !== undefined ? { code } : {}),
      ...(parts.length > 0 ? { detail: parts.join(' — ') } : {}),
    });
  }
  if (frame.status !== true) {
    return new NcaLayerError('bad-response', { detail: data.slice(0, 200) });
  }
  const body = frame.body;
  if (body === undefined || body === null || (isObject(body) && !('result' in body))) {
    return new NcaLayerError('cancelled');
  }
  if (!isObject(body)) {
    return new NcaLayerError('bad-response', { detail: data.slice(0, 200) });
  }
  const result = Array.isArray(body.result) ? body.result[0] : body.result;
  if (typeof result !== 'string') {
    return new NcaLayerError('bad-response', { detail: 'no signature in the result' });
  }
  const cms = result.replace(/\s+/g, '');
  if (!BASE64.test(cms)) {
    return new NcaLayerError('bad-response', { detail: 'the signature is not base64' });
  }
  return cms;
}

const ignore = (): void => {};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function browserSocket(url: string): WebSocketLike {
  const Ctor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (!Ctor) {
    throw new Error('WebSocket is not available');
  }
  return new Ctor(url);
}

export class NcaLayerClient {
  readonly url: string;
  private readonly createSocket: WebSocketFactory;
  private readonly openTimeoutMs: number;
  private readonly responseTimeoutMs: number;
  private readonly allowedStorages: string[] | null;
  private readonly chain: string[] | null;

  constructor(options: NcaLayerOptions = {}) {
    this.url = options.url ?? DEFAULT_URL;
    this.createSocket = options.createSocket ?? browserSocket;
    this.openTimeoutMs = options.openTimeoutMs ?? 5_000;
    this.responseTimeoutMs = options.responseTimeoutMs ?? 10 * 60_000;
    this.allowedStorages = options.allowedStorages ?? null;
    this.chain = options.chain === undefined ? [] : options.chain;
  }

  /** Signs base64 data with a key the user picks in NCALayer; resolves to the base64 CMS. */
  signCms(dataBase64: string, options: SignCmsOptions): Promise<string> {
    const request = buildSignRequest(dataBase64, options, {
      allowedStorages: this.allowedStorages,
      chain: this.chain,
    });
    return this.exchange(JSON.stringify(request), options.signal);
  }

  private exchange(frame: string, signal: AbortSignal | undefined): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new NcaLayerError('cancelled', { cause: signal.reason }));
        return;
      }
      let socket: WebSocketLike;
      try {
        socket = this.createSocket(this.url);
      } catch (cause) {
        reject(new NcaLayerError('not-running', { cause }));
        return;
      }
      let opened = false;
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;

      const onAbort = (): void => finish(new NcaLayerError('cancelled', { cause: signal?.reason }));
      const arm = (ms: number, onTimeout: () => void): void => {
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(onTimeout, ms);
      };
      const finish = (outcome: string | NcaLayerError): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        // No-ops rather than null: frames or errors after the outcome are dropped, and an
        // emitter-style socket (the `ws` package) never sees an 'error' without a listener.
        socket.onopen = ignore;
        socket.onmessage = ignore;
        socket.onerror = ignore;
        socket.onclose = ignore;
        try {
          socket.close(1000);
        } catch {
          // Closing a socket that never opened may throw in some implementations.
        }
        if (typeof outcome === 'string') resolve(outcome);
        else reject(outcome);
      };

      signal?.addEventListener('abort', onAbort, { once: true });
      arm(this.openTimeoutMs, () => finish(new NcaLayerError('not-running', { detail: 'timed out opening' })));

      socket.onopen = () => {
        opened = true;
        arm(this.responseTimeoutMs, () => finish(new NcaLayerError('failed', { code: RESPONSE_TIMEOUT })));
        try {
          socket.send(frame);
        } catch (cause) {
          finish(new NcaLayerError('failed', { code: CONNECTION_CLOSED, cause }));
        }
      };
      socket.onmessage = (event) => {
        const outcome = interpretFrame(event.data);
        if (outcome !== null) finish(outcome);
      };
      // A browser hides why a socket failed; before it opened it means nobody listens.
      socket.onerror = () => {
        if (!opened) finish(new NcaLayerError('not-running'));
      };
      socket.onclose = (event) => {
        if (!opened) {
          finish(new NcaLayerError('not-running'));
          return;
        }
        const how = [event.code, event.reason].filter((p) => p !== undefined && p !== '').join(' ');
        finish(new NcaLayerError('failed', { code: CONNECTION_CLOSED, ...(how ? { detail: how } : {}) }));
      };
    });
  }
}
