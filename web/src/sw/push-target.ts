/**
 * What a pushed notification shows and where a click on it leads (R-NOTIF-1, issue 15). Only the
 * service worker imports this (the app must not: a module shared with the app would turn sw.js
 * into an ES module importing a chunk).
 */
export interface PushPayload {
  id?: string;
  kind?: string;
  title?: string;
  target_kind?: string | null;
  target_id?: string | null;
}

const ROUTES: Record<string, string> = { survey_task: '/tasks', survey: '/surveys', act: '/acts', object: '/objects', zone: '/objects', sample: '/surveys' };

/** The app's address (a hash route under `base`) for the notification's item. */
export function pushTarget(p: PushPayload, base: string): string {
  const kind = p.target_kind ?? '';
  if (kind === 'withdrawal' || kind === 'rectification') return new URL(p.kind?.endsWith('-filed') ? '/#/admin/privacy' : '/#/me', base).href;
  const route = ROUTES[kind];
  if (route && p.target_id) return new URL(`/#${route}/${encodeURIComponent(p.target_id)}`, base).href;
  return new URL('/#/notifications', base).href;
}

/** The payload of a push message, or a bare one when it cannot be read. */
export function readPayload(text: string | null | undefined): PushPayload {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as PushPayload) : {};
  } catch {
    return { title: text };
  }
}
