/**
 * E-signature flows against the Fito API (R-AUTH-2, R-ACT-2):
 *
 *  sign-in   POST /api/v1/auth/challenge → {challenge_id, challenge, expires_at}
 *            NCALayer signs `challenge` (attached CMS, the sign-in key of a legal entity)
 *            POST /api/v1/auth/login/signature {challenge_id, cms} → the session
 *  act       GET  /api/v1/acts/{id}/pdf → the bytes to sign
 *            NCALayer signs them (detached CMS, the signing key of a legal entity)
 *            POST /api/v1/acts/{id}/sign {version, cms} → the act
 *
 * Refusals come back as RFC 9457 problem+json `{code, title, status}` with `title` already
 * in the user's language (Accept-Language); they are thrown as {@link ApiError}. NCALayer's
 * own failures are thrown as NcaLayerError.
 */
import { bytesToBase64 } from './base64.js';
import type { ActView, ChallengeView, LoginResponse } from '../api/types.js';
import type { Lang, SignCmsOptions } from './ncalayer.js';

export interface Signer {
  signCms(dataBase64: string, options: SignCmsOptions): Promise<string>;
}

export interface ApiContext {
  /** The user's language: NCALayer's dialog and the server's problem titles follow it. */
  lang: Lang;
  /** Usually an NcaLayerClient. */
  signer: Signer;
  /** '' (same origin) by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Bearer token (mobile app); the browser relies on the session cookie instead. */
  bearerToken?: string;
  /** The session's CSRF token, echoed in X-CSRF-Token on state-changing requests. */
  csrfToken?: string;
  /** Lets the page call off the NCALayer request. */
  signal?: AbortSignal;
}

export type ApiErrorKind =
  /** The server refused with a problem+json: `code` and the translated `title` are set. */
  | 'problem'
  /** No answer from the server (network down, DNS, CORS …). */
  | 'unreachable'
  /** The server answered something that is neither the expected body nor a problem. */
  | 'bad-response';

export interface Problem {
  code: string;
  title: string;
  status: number;
  detail?: string;
  [key: string]: unknown;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | undefined;
  /** The stable problem code (`signature-challenge-expired`, `sign-individual-certificate` …). */
  readonly code: string | undefined;
  /** The problem title, translated by the server into the requested language. */
  readonly title: string | undefined;
  readonly problem: Problem | undefined;

  constructor(kind: ApiErrorKind, options: { status?: number; problem?: Problem; cause?: unknown } = {}) {
    const p = options.problem;
    super(p ? `${p.status} ${p.code}: ${p.title}` : `API ${kind}${options.status ? ` (${options.status})` : ''}`);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = options.status ?? p?.status;
    this.code = p?.code;
    this.title = p?.title;
    this.problem = p;
    if (options.cause !== undefined) {
      (this as { cause?: unknown }).cause = options.cause;
    }
  }
}


/** Signs in with the e-signature: challenge → NCALayer (attached CMS) → session. */
export async function signIn(ctx: ApiContext): Promise<LoginResponse> {
  const challenge = await call(ctx, 'POST', '/api/v1/auth/challenge', undefined, isChallenge);
  const cms = await ctx.signer.signCms(challenge.challenge, {
    detached: false,
    lang: ctx.lang,
    purpose: 'sign-in',
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return call(
    ctx,
    'POST',
    '/api/v1/auth/login/signature',
    { challenge_id: challenge.challenge_id, cms },
    isSession,
  );
}

/** Signs an approved act: its PDF → NCALayer (detached CMS) → the signed act. */
export async function signAct(actId: string, version: number, ctx: ApiContext): Promise<ActView> {
  const path = `/api/v1/acts/${encodeURIComponent(actId)}`;
  const pdf = await fetchBytes(ctx, `${path}/pdf`);
  const cms = await ctx.signer.signCms(bytesToBase64(pdf), {
    detached: true,
    lang: ctx.lang,
    purpose: 'signing',
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  return call(ctx, 'POST', `${path}/sign`, { version, cms }, isAct);
}

function headers(ctx: ApiContext, accept: string, json: boolean): Record<string, string> {
  const h: Record<string, string> = {
    Accept: `${accept}, application/problem+json`,
    'Accept-Language': ctx.lang,
  };
  if (json) h['Content-Type'] = 'application/json';
  if (ctx.bearerToken) h.Authorization = `Bearer ${ctx.bearerToken}`;
  if (ctx.csrfToken) h['X-CSRF-Token'] = ctx.csrfToken;
  return h;
}

async function send(ctx: ApiContext, method: string, path: string, accept: string, body?: unknown): Promise<Response> {
  const doFetch = ctx.fetch ?? globalThis.fetch;
  try {
    return await doFetch(`${ctx.baseUrl ?? ''}${path}`, {
      method,
      headers: headers(ctx, accept, body !== undefined),
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (cause) {
    throw new ApiError('unreachable', { cause });
  }
}

async function call<T>(
  ctx: ApiContext,
  method: string,
  path: string,
  body: unknown,
  accept: (value: unknown) => value is T,
): Promise<T> {
  const response = await send(ctx, method, path, 'application/json', body);
  if (!response.ok) throw await refusal(response);
  const value = await readJson(response);
  if (!accept(value)) throw new ApiError('bad-response', { status: response.status });
  return value;
}

async function fetchBytes(ctx: ApiContext, path: string): Promise<Uint8Array> {
  const response = await send(ctx, 'GET', path, 'application/pdf');
  if (!response.ok) throw await refusal(response);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    throw new ApiError('unreachable', { status: response.status, cause });
  }
}

async function refusal(response: Response): Promise<ApiError> {
  const value = await readJson(response).catch(() => undefined);
  if (isRecord(value) && typeof value.code === 'string' && typeof value.title === 'string') {
    const status = typeof value.status === 'number' ? value.status : response.status;
    return new ApiError('problem', { status: response.status, problem: { ...value, code: value.code, title: value.title, status } });
  }
  return new ApiError('bad-response', { status: response.status });
}

async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new ApiError('unreachable', { status: response.status, cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('bad-response', { status: response.status });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChallenge(value: unknown): value is ChallengeView {
  return (
    isRecord(value) &&
    typeof value.challenge_id === 'string' &&
    typeof value.challenge === 'string' &&
    value.challenge !== '' &&
    typeof value.expires_at === 'string'
  );
}

function isAct(value: unknown): value is ActView {
  return isRecord(value) && typeof value.id === 'string' && typeof value.status === 'string' && typeof value.version === 'number';
}

function isSession(value: unknown): value is LoginResponse {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    typeof value.csrf_token === 'string' &&
    typeof value.session_id === 'string' &&
    typeof value.expires_at === 'string' &&
    isRecord(value.user)
  );
}
