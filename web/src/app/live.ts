/**
 * Live updates (R-NOTIF-1): the unread-notification count, kept fresh by the server's
 * event stream `GET /api/v1/notifications/stream` (CONTRACTS.md "Live updates"). Where
 * the stream is missing (older server) or keeps failing, the count is polled instead.
 */
import { signal } from '@preact/signals';
import { api } from './session.js';
import type { NotificationView } from '../api/types.js';


export interface ActEvent {
  id: string;
  status: string;
  registry_number?: string;
}

export const unread = signal(0);
/** The latest notification that arrived live (screens may show it). */
export const latest = signal<NotificationView | null>(null);
/** Bumped on every live act event: act screens reload when it concerns them. */
export const actEvent = signal<ActEvent | null>(null);
/** Whether the live stream is connected (else the count is polled). */
export const liveConnected = signal(false);

const POLL_MS = 60_000;
let source: EventSource | null = null;
let poll: ReturnType<typeof setInterval> | null = null;
let failures = 0;

export async function refreshUnread(): Promise<void> {
  try {
    const list = await api.get<NotificationView[]>('/api/v1/notifications', { query: { unread: true, limit: 500 } });
    unread.value = Array.isArray(list) ? list.length : 0;
  } catch {
    // Keeps the last count; a refusal is shown where the user asked for something.
  }
}

function startPolling(): void {
  if (poll) return;
  poll = setInterval(() => void refreshUnread(), POLL_MS);
}

export function startLive(): void {
  stopLive();
  void refreshUnread();
  if (typeof EventSource === 'undefined') {
    startPolling();
    return;
  }
  failures = 0;
  const es = new EventSource(api.url('/api/v1/notifications/stream'), { withCredentials: true });
  source = es;
  es.onopen = () => {
    failures = 0;
    liveConnected.value = true;
  };
  es.addEventListener('notification', (e) => {
    try {
      const n = JSON.parse((e as MessageEvent<string>).data) as NotificationView;
      latest.value = n;
      if (!n.read_at) unread.value += 1;
    } catch {
      void refreshUnread();
    }
  });
  es.addEventListener('act', (e) => {
    try {
      actEvent.value = JSON.parse((e as MessageEvent<string>).data) as ActEvent;
    } catch {
      // Not an act event we can read: ignore.
    }
  });
  es.onerror = () => {
    liveConnected.value = false;
    failures += 1;
    // A 404 (no stream on this server) closes the source for good; repeated failures too.
    if (es.readyState === EventSource.CLOSED || failures >= 3) {
      es.close();
      if (source === es) source = null;
      startPolling();
    }
  };
}

export function stopLive(): void {
  source?.close();
  source = null;
  if (poll) clearInterval(poll);
  poll = null;
  liveConnected.value = false;
}
