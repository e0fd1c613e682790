// R-NOTIF-1: live updates come from the event stream; a server without one (or a
// stream that keeps failing) falls back to asking for the unread count now and then.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeEventSource {
  static CLOSED = 2;
  static last: FakeEventSource | undefined;
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, (e: MessageEvent<string>) => void>();
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, fn);
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

let unreadAnswers = 0;
beforeEach(() => {
  vi.useFakeTimers();
  unreadAnswers = 0;
  (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
  globalThis.fetch = (async () => {
    unreadAnswers += 1;
    return new Response(JSON.stringify([{ id: 'n1' }, { id: 'n2' }]), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live updates', () => {
  it('count live notifications and pass act events on', async () => {
    const live = await import('../src/app/live.js');
    live.startLive();
    await vi.waitFor(() => expect(live.unread.value).toBe(2));
    const es = FakeEventSource.last as FakeEventSource;
    expect(es.url).toBe('/api/v1/notifications/stream');
    expect(es.init?.withCredentials).toBe(true);
    es.onopen?.();
    expect(live.liveConnected.value).toBe(true);
    es.emit('notification', { id: 'n3', kind: 'act-submitted', message: 'Акт бекітуге жіберілді', read_at: null });
    expect(live.unread.value).toBe(3);
    expect(live.latest.value?.id).toBe('n3');
    es.emit('act', { id: 'a1', status: 'approved', registry_number: '01/2026/7' });
    expect(live.actEvent.value).toEqual({ id: 'a1', status: 'approved', registry_number: '01/2026/7' });
    live.stopLive();
    expect(es.closed).toBe(true);
  });

  it('poll the count when the server has no stream', async () => {
    const live = await import('../src/app/live.js');
    live.startLive();
    await vi.waitFor(() => expect(unreadAnswers).toBe(1));
    const es = FakeEventSource.last as FakeEventSource;
    es.readyState = FakeEventSource.CLOSED; // a 404 closes an EventSource for good
    es.onerror?.();
    expect(es.closed).toBe(true);
    expect(live.liveConnected.value).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(unreadAnswers).toBe(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(unreadAnswers).toBe(3);
    live.stopLive();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(unreadAnswers).toBe(3);
  });
});
