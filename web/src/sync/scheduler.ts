/**
 * When to sync (R-MOB-1: "synchronises automatically when the connection returns"): at
 * start, on the browser's `online` event, when the app comes back to the foreground, after
 * each save, and on a timer — every minute while things go well, with exponential backoff
 * (5 s doubling to 5 min, jittered) while the network or the server fails. Offline
 * (`navigator.onLine` false) it only waits for `online`.
 */
import type { SyncEngine, SyncOutcome } from './engine.js';

export interface SchedulerEnv {
  isOnline(): boolean;
  onOnline(listener: () => void): () => void;
  onForeground(listener: () => void): () => void;
  setTimer(f: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  random(): number;
}

export const IDLE_MS = 60_000;
export const BACKOFF_MIN_MS = 5_000;
export const BACKOFF_MAX_MS = 300_000;

export function browserEnv(): SchedulerEnv {
  return {
    isOnline: () => navigator.onLine,
    onOnline(listener) {
      window.addEventListener('online', listener);
      return () => window.removeEventListener('online', listener);
    },
    onForeground(listener) {
      const f = (): void => {
        if (document.visibilityState === 'visible') listener();
      };
      document.addEventListener('visibilitychange', f);
      return () => document.removeEventListener('visibilitychange', f);
    },
    setTimer: (f, ms) => setTimeout(f, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    random: Math.random,
  };
}

/** Delay before the next attempt after `failures` failures in a row. */
export function backoffDelay(failures: number, random: number): number {
  if (failures <= 0) return IDLE_MS;
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** (failures - 1));
  return Math.round(ceiling * (0.5 + random / 2));
}

export class SyncScheduler {
  private failures = 0;
  private timer: unknown = null;
  private stops: Array<() => void> = [];
  private running = false;
  /** Called after every attempt (the screens show the state). */
  onOutcome: ((o: SyncOutcome) => void) | null = null;

  constructor(
    private readonly engine: SyncEngine,
    private readonly env: SchedulerEnv = browserEnv(),
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stops.push(this.env.onOnline(() => this.now()));
    this.stops.push(this.env.onForeground(() => this.now()));
    this.now();
  }

  stop(): void {
    this.running = false;
    for (const s of this.stops) s();
    this.stops = [];
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = null;
  }

  /** Sync as soon as possible (when online). */
  now(): void {
    if (!this.running) return;
    if (this.timer !== null) this.env.clearTimer(this.timer);
    this.timer = null;
    if (!this.env.isOnline()) return; // the `online` event brings us back
    void this.engine.sync().then((outcome) => {
      if (!this.running) return;
      if (outcome.ok) this.failures = 0;
      else if (outcome.failure !== 'auth') this.failures += 1;
      this.onOutcome?.(outcome);
      // Signed out or no consent: wait for the user, not the timer.
      if (outcome.failure === 'auth') return;
      this.timer = this.env.setTimer(() => this.now(), backoffDelay(this.failures, this.env.random()));
    });
  }

  get consecutiveFailures(): number {
    return this.failures;
  }
}
