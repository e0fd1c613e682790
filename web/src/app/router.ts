/**
 * A hash router (`#/objects/42?type=field`): works from any static host and from the
 * service worker's cache without a server-side fallback. Screens register themselves
 * (see registry.ts); the shell renders the one whose pattern matches.
 */
import { signal } from '@preact/signals';

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function parseHash(hash: string): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?', 2) as [string?, string?];
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(search) };
}

/** Matches `/objects/:id` against `/objects/42` → `{id: '42'}`; null when it does not fit. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const want = p[i] as string;
    const got = s[i] as string;
    if (want.startsWith(':')) params[want.slice(1)] = decodeURIComponent(got);
    else if (want !== got) return null;
  }
  return params;
}

export const location = signal<Location>(parseHash(typeof window !== 'undefined' ? window.location.hash : ''));

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    location.value = parseHash(window.location.hash);
  });
}

/** An href for a route: `href('/objects', {type:'field'})` → `#/objects?type=field`. */
export function href(path: string, query?: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function navigate(path: string, query?: Record<string, string | number | undefined | null>): void {
  const target = href(path, query);
  if (window.location.hash === target) return;
  window.location.hash = target;
}
