/**
 * The typed client of the Fito JSON API (`/api/v1`), used by every screen.
 *
 * - Session: the browser keeps the HttpOnly `fito_session` cookie; state-changing requests
 *   echo the `fito_csrf` cookie (or the token from the sign-in answer) in `X-CSRF-Token`
 *   (crates/fito-server/src/auth.rs).
 * - Language: `Accept-Language` is the user's language, so problem titles come translated.
 * - Errors: an RFC 9457 problem+json answer is thrown as {@link ApiError} (its `code` and
 *   translated `title`); no answer is `unreachable`, anything else `bad-response`.
 * - Listeners hear every problem, so the shell can react to `consent-required`,
 *   `auth-password-change-required` and 401 wherever they happen.
 */
import type { Lang } from '../i18n.js';
import { ApiError, type Problem } from '../esign/signin.js';

export { ApiError };
export type { Problem };

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  /** JSON body (serialised here), or FormData / a Blob sent as it is (uploads). */
  body?: unknown;
  /** Extra headers (e.g. `If-Match`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiOptions {
  lang: () => Lang;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the CSRF token is read from; the `fito_csrf` cookie by default. */
  csrf?: () => string | undefined;
}

export const CSRF_COOKIE = 'fito_csrf';

/** A cookie's value from a `document.cookie` string. */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** `path?k=v&…`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

type Listener = (error: ApiError) => void;

export class Api {
  private readonly listeners = new Set<Listener>();
  private token: string | undefined;

  constructor(private readonly options: ApiOptions) {}

  /** Remembers the CSRF token of a fresh session (the cookie says the same). */
  setCsrf(token: string | undefined): void {
    this.token = token;
  }

  csrfToken(): string | undefined {
    const fromCookie = this.options.csrf
      ? this.options.csrf()
      : typeof document !== 'undefined'
        ? readCookie(document.cookie, CSRF_COOKIE)
        : undefined;
    return fromCookie ?? this.token;
  }

  /** Hears every refusal (problem+json or 401); returns the unsubscribe function. */
  onProblem(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  url(path: string, query?: Query): string {
    return `${this.options.baseUrl ?? ''}${withQuery(path, query)}`;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.json<T>('GET', path, options);
  }
  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.json<T>('POST', path, { ...options, body });
  }
  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.json<T>('PATCH', path, { ...options, body });
  }
  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.json<T>('PUT', path, { ...options, body });
  }
  delete<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.json<T>('DELETE', path, { ...options, body });
  }

  /** A JSON call; 204 (or an empty body) gives `undefined`. */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, 'application/json', options);
    const text = await response.text().catch((cause: unknown) => {
      throw new ApiError('unreachable', { status: response.status, cause });
    });
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.fail(new ApiError('bad-response', { status: response.status }));
    }
  }

  /** A binary download (PDF, export); refusals are thrown as for JSON. */
  async blob(path: string, options: RequestOptions = {}): Promise<Blob> {
    const response = await this.send('GET', path, '*/*', options);
    return response.blob();
  }

  /** Sends the request; any non-2xx answer is thrown as an ApiError. */
  async send(method: string, path: string, accept: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: `${accept}, application/problem+json`,
      'Accept-Language': this.options.lang(),
      ...options.headers,
    };
    let body: BodyInit | undefined;
    if (options.body instanceof FormData || (typeof Blob !== 'undefined' && options.body instanceof Blob)) {
      body = options.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method)) {
      const csrf = this.csrfToken();
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(this.url(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw this.fail(new ApiError('unreachable', { cause }));
    }
    if (!response.ok) throw this.fail(await refusal(response));
    return response;
  }

  private fail(error: ApiError): ApiError {
    for (const l of this.listeners) l(error);
    return error;
  }
}

async function refusal(response: Response): Promise<ApiError> {
  let value: unknown;
  try {
    value = JSON.parse(await response.text());
  } catch {
    value = undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (typeof v.code === 'string' && typeof v.title === 'string') {
      const status = typeof v.status === 'number' ? v.status : response.status;
      return new ApiError('problem', {
        status: response.status,
        problem: { ...v, code: v.code, title: v.title, status },
      });
    }
  }
  return new ApiError('bad-response', { status: response.status });
}
