// The field-mode sync engine against a fake Sync API (R-MOB-1, R-MOB-2, R-MOB-4).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openFieldDb } from '../src/sync/db.js';
import { SyncEngine } from '../src/sync/engine.js';
import { SyncScheduler, backoffDelay, type SchedulerEnv, BACKOFF_MAX_MS } from '../src/sync/scheduler.js';
import { httpTransport } from '../src/sync/transport.js';
import { uuidv7, uuidv7Time } from '../src/sync/uuid7.js';
import { FakeSyncServer, type Cut } from './fake-sync-server.js';

let dbCounter = 0;

async function setup(userId = 'u-1', server = new FakeSyncServer(), dbName = `t-${++dbCounter}`) {
  const db = await openFieldDb(dbName);
  const engine = new SyncEngine({ db, userId, transport: httpTransport({ fetch: server.fetch, baseUrl: 'http://fito.test' }), batchSize: 3 });
  await engine.open();
  return { db, engine, server, dbName };
}

function survey(n: number): Record<string, unknown> {
  return { surveyed_at: '2026-06-01T08:00:00Z', points: [{ lat: 43 + n / 100, lon: 76.9, accuracy_m: 5, fixed_at: '2026-06-01T08:00:00Z', findings: [] }] };
}

describe('UUIDv7', () => {
  it('has version 7, the RFC variant, the time, and sorts in making order', () => {
    const ids = Array.from({ length: 50 }, () => uuidv7(1_780_000_000_000));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(uuidv7Time(ids[0]!)).toBe(1_780_000_000_000);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
  });
});

describe('sync engine', () => {
  it('R-MOB-2: a saved record reaches the server and then leaves the device (R-MOB-4)', async () => {
    const { engine, server } = await setup();
    const r = await engine.save('survey', survey(1));
    expect((await engine.outbox()).map((x) => x.state)).toEqual(['waiting']);
    const outcome = await engine.sync();
    expect(outcome).toMatchObject({ ok: true, pushed: 1 });
    expect(server.writes.get(r.id)).toBe(1);
    expect(await engine.outbox()).toEqual([]);
    expect((await engine.sentLog()).map((e) => e.id)).toEqual([r.id]);
    // The log keeps no record data.
    expect(Object.keys((await engine.sentLog())[0]!)).not.toContain('data');
  });

  it.each<[string, Cut]>([
    ['before the server commits', 'before'],
    ['after the server commits (answer lost)', 'after'],
    ['in the middle of the answer body', 'body'],
  ])('R-MOB-2: a push cut %s leaves the records waiting; the retry ends each on the server exactly once', async (_name, cut) => {
    const { engine, server } = await setup();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await engine.save('survey', survey(i))).id);
    server.cuts = [cut];
    const first = await engine.sync();
    expect(first.ok).toBe(false);
    expect(first.failure).toBe('network');
    const left = await engine.outbox();
    expect(left.length).toBe(5);
    expect(left.every((r) => r.state === 'waiting')).toBe(true);
    const second = await engine.sync();
    expect(second.ok).toBe(true);
    expect(await engine.outbox()).toEqual([]);
    for (const id of ids) expect(server.writes.get(id)).toBe(1);
    expect(server.records.size).toBe(5);
  });

  it('R-MOB-2: cuts at random moments over many records: every record ends on the server exactly once', async () => {
    const { engine, server } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await engine.save(i % 4 === 0 ? 'object' : 'survey', survey(i))).id);
    }
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const kinds: Cut[] = ['none', 'before', 'after', 'body'];
    server.cuts = Array.from({ length: 30 }, () => kinds[Math.floor(rnd() * 4)]!);
    let rounds = 0;
    while ((await engine.outbox()).length > 0) {
      await engine.sync();
      rounds += 1;
      expect(rounds).toBeLessThan(60);
    }
    for (const id of ids) expect(server.writes.get(id)).toBe(1);
    expect(server.records.size).toBe(20);
  });

  it('R-MOB-2: records made offline go in making order (an object before the survey on it)', async () => {
    const { engine, server } = await setup();
    const seen: string[] = [];
    const original = server.fetch;
    const spy = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      if (String(input).includes('/sync/push')) {
        for (const r of (JSON.parse(String(init?.body)) as { records: Array<{ kind: string }> }).records) seen.push(r.kind);
      }
      return original(input, init);
    };
    const engine2 = new SyncEngine({ db: engine.db, userId: 'u-1', transport: httpTransport({ fetch: spy }), batchSize: 2 });
    await engine2.save('object', { name: 'Бау' });
    await engine2.save('survey', survey(1));
    await engine2.save('act_draft', { survey_id: 'x', act_type: 'quarantine-survey' });
    await engine2.sync();
    expect(seen).toEqual(['object', 'survey', 'act_draft']);
  });

  it('R-MOB-2: a conflict keeps both copies; "keep mine" resends on the server version', async () => {
    const { engine, server } = await setup();
    const r = await engine.save('object', { name: 'A' });
    await engine.sync();
    server.changeOnServer(r.id, { name: 'B (office)' });
    await engine.save('object', { name: 'C (field)' }, { id: r.id, baseVersion: 1 });
    const outcome = await engine.sync();
    expect(outcome.conflicts).toBe(1);
    const [c] = await engine.outbox();
    expect(c).toMatchObject({ state: 'conflict', server: { name: 'B (office)' }, server_version: 2, data: { name: 'C (field)' } });
    await engine.keepMine(r.id);
    expect(await engine.record(r.id)).toMatchObject({ state: 'waiting', base_version: 2 });
    await engine.sync();
    expect(await engine.outbox()).toEqual([]);
    expect(JSON.parse(server.records.get(r.id)!.data)).toEqual({ name: 'C (field)' });
    expect(server.records.get(r.id)!.version).toBe(3);
  });

  it('R-MOB-2: a conflict resolved by "take the server\'s" drops our copy and writes nothing', async () => {
    const { engine, server } = await setup();
    const r = await engine.save('object', { name: 'A' });
    await engine.sync();
    server.changeOnServer(r.id, { name: 'B' });
    await engine.save('object', { name: 'C' }, { id: r.id, baseVersion: 1 });
    await engine.sync();
    await engine.takeServer(r.id);
    expect(await engine.outbox()).toEqual([]);
    await engine.sync();
    expect(JSON.parse(server.records.get(r.id)!.data)).toEqual({ name: 'B' });
    expect(server.writes.get(r.id)).toBe(1);
  });

  it('a rejected record stays with the server\'s reason and can be retried or discarded', async () => {
    const { engine } = await setup();
    const bad = await engine.save('survey', { bad: true });
    const good = await engine.save('survey', survey(2));
    const outcome = await engine.sync();
    expect(outcome).toMatchObject({ ok: true, pushed: 1, rejected: 1 });
    const left = await engine.outbox();
    expect(left.map((r) => [r.id, r.state, r.problem?.code])).toEqual([[bad.id, 'rejected', 'validation']]);
    expect(await engine.record(good.id)).toBeUndefined();
    // Rejected records are not resent by themselves.
    await engine.sync();
    expect((await engine.record(bad.id))?.attempts).toBe(1);
    await engine.retry(bad.id);
    expect((await engine.record(bad.id))?.state).toBe('waiting');
    await engine.sync();
    await engine.discard(bad.id);
    expect(await engine.outbox()).toEqual([]);
  });

  it('signed out: the push is refused whole and every record keeps waiting', async () => {
    const { engine, server } = await setup();
    await engine.save('survey', survey(1));
    server.signedOut = true;
    const outcome = await engine.sync();
    expect(outcome).toMatchObject({ ok: false, failure: 'auth' });
    expect((await engine.outbox())[0]).toMatchObject({ state: 'waiting', attempts: 1 });
  });

  it('a record left "sending" by a closed app waits again on the next start', async () => {
    const { db, engine, server, dbName } = await setup();
    const r = await engine.save('survey', survey(1));
    await db.put('outbox', { ...(await engine.record(r.id))!, state: 'sending' });
    db.close();
    const again = await setup('u-1', server, dbName);
    expect((await again.engine.record(r.id))?.state).toBe('waiting');
    await again.engine.sync();
    expect(server.writes.get(r.id)).toBe(1);
  });

  it('an edit made while the push was in flight goes next as an update on the acknowledged version', async () => {
    const { engine, server } = await setup();
    const r = await engine.save('act_draft', { survey_id: 's', act_type: 'quarantine-survey', conclusions: 'v1' });
    const original = server.fetch;
    let edited = false;
    const transport = httpTransport({
      fetch: async (input, init) => {
        if (!edited && String(input).includes('/sync/push')) {
          edited = true;
          await engine.save('act_draft', { survey_id: 's', act_type: 'quarantine-survey', conclusions: 'v2' }, { id: r.id });
        }
        return original(input, init);
      },
    });
    const e2 = new SyncEngine({ db: engine.db, userId: 'u-1', transport });
    // The same round sends the edit again, as an update on version 1.
    await e2.sync();
    expect(await e2.outbox()).toEqual([]);
    expect(JSON.parse(server.records.get(r.id)!.data)).toMatchObject({ conclusions: 'v2' });
    expect(server.writes.get(r.id)).toBe(2);
  });

  it('R-MOB-1: pull pages until `more` is false, keeps the cursor, removes what left scope, keeps no person-owner data', async () => {
    const server = new FakeSyncServer();
    const { engine } = await setup('u-1', server);
    server.changes.push(
      { kind: 'reference', id: 'organisms:ERWIAM', version: 1, data: { list: 'organisms', entry: { code: 'ERWIAM', name_kk: 'Бактериялық күйік' } } },
      { kind: 'reference', id: 'apple', version: 1, data: { list: 'crops', entry: { code: 'apple' } } },
      { kind: 'object', id: 'o1', version: 1, data: { name: 'Бау', owner: { kind: 'person', name: 'Асан Үсенов', iin: '900101300123' } } },
      { kind: 'object', id: 'o2', version: 3, data: { name: 'Элеватор', owner: { kind: 'legal_entity', name: 'ЖШС Астық', bin: '123456789012' } } },
      { kind: 'object', id: 'o3', version: 1, data: { type: 'Feature', properties: { name: 'Бау', owner: { kind: 'person', name: 'Асан Үсенов', iin: '900101300124' } } } },
      { kind: 'reference', id: 'apple', version: 2, data: { list: 'object_types', entry: { code: 'apple' } } },
      { kind: 'task', id: 't1', version: 1, data: { objects: ['o1', 'o2'] } },
      { kind: 'object', id: 'o2', version: 4, data: null },
    );
    const e = new SyncEngine({ db: engine.db, userId: 'u-1', transport: httpTransport({ fetch: server.fetch }), pullLimit: 2 });
    const outcome = await e.sync();
    expect(outcome).toMatchObject({ ok: true, pulled: 8 });
    expect(await e.cursor()).toBe('8');
    expect((await e.cached('reference', 'organisms')).map((r) => r.data.code)).toEqual(['ERWIAM']);
    expect((await e.cached('object')).map((r) => r.id)).toEqual(['o1', 'o3']);
    expect((await e.cachedOne('object', 'o1'))?.data.owner).toEqual({ kind: 'person' });
    expect(JSON.stringify(await e.cached('object'))).not.toContain('900101300123');
    expect(JSON.stringify(await e.cached('object'))).not.toContain('900101300124');
    expect(JSON.stringify(await e.cached('object'))).not.toContain('Асан');
    // The same code in two lists is two entries.
    expect((await e.cached('reference', 'crops')).length).toBe(1);
    expect((await e.cached('reference', 'object_types')).length).toBe(1);
    // Nothing new: the next pull asks from the cursor and gets nothing again.
    expect((await e.sync()).pulled).toBe(0);
  });

  it('R-MOB-4: sign-out clears the cache but not unsent records; another user neither sees nor sends them', async () => {
    const server = new FakeSyncServer();
    server.changes.push({ kind: 'task', id: 't1', version: 1, data: { name: 'x' } });
    const { engine, dbName, db } = await setup('u-1', server);
    await engine.save('survey', survey(1));
    server.cuts = ['before'];
    await engine.sync();
    server.cuts = ['before'];
    // Pull happened? No: the push failed first. Pull now through a fresh sync with no records.
    await engine.clearCache();
    expect(await engine.cached('task')).toEqual([]);
    expect(await engine.cursor()).toBeNull();
    expect((await engine.outbox()).length).toBe(1);
    db.close();
    const other = await setup('u-2', server, dbName);
    expect(await other.engine.outbox()).toEqual([]);
    server.cuts = [];
    await other.engine.sync();
    expect(server.records.size).toBe(0);
    expect((await other.engine.cached('task')).length).toBe(1);
  });

  it('a cache left by another user is dropped when the next user opens the app', async () => {
    const server = new FakeSyncServer();
    server.changes.push({ kind: 'task', id: 't1', version: 1, data: { name: 'x' } });
    const a = await setup('u-1', server);
    await a.engine.sync();
    expect((await a.engine.cached('task')).length).toBe(1);
    a.db.close();
    const b = await setup('u-2', new FakeSyncServer(), a.dbName);
    expect(await b.engine.cached('task')).toEqual([]);
    expect(await b.engine.cursor()).toBeNull();
  });

  it('exports the unsent outbox in the fito-outbox format', async () => {
    const { engine } = await setup();
    const r = await engine.save('survey', survey(1));
    const file = await engine.exportOutbox('dev-1');
    expect(file).toMatchObject({ format: 'fito-outbox', version: 1, device_id: 'dev-1', user_id: 'u-1' });
    expect(file.records).toEqual([{ kind: 'survey', id: r.id, base_version: null, data: survey(1) }]);
    expect(typeof file.exported_at).toBe('string');
  });
});

describe('sync scheduler', () => {
  function fakeEnv(online: boolean) {
    const timers: Array<{ f: () => void; ms: number }> = [];
    let onOnline: () => void = () => {};
    const env: SchedulerEnv & { online: boolean } = {
      online,
      isOnline: () => env.online,
      onOnline: (l) => ((onOnline = l), () => {}),
      onForeground: () => () => {},
      setTimer: (f, ms) => (timers.push({ f, ms }), timers.length),
      clearTimer: () => {},
      random: () => 1,
    };
    return { env, timers, fireOnline: () => onOnline() };
  }

  it('backs off exponentially while failing, up to five minutes', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1))).toEqual([5000, 10000, 20000, 40000]);
    expect(backoffDelay(20, 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(3, 0)).toBe(10000);
  });

  it('R-MOB-1: offline it waits; the online event sends what waited', async () => {
    const { engine, server } = await setup();
    const r = await engine.save('survey', survey(1));
    const { env, timers, fireOnline } = fakeEnv(false);
    const scheduler = new SyncScheduler(engine, env);
    const outcomes: boolean[] = [];
    scheduler.onOutcome = (o) => outcomes.push(o.ok);
    scheduler.start();
    expect(server.pushes).toBe(0);
    env.online = true;
    server.cuts = ['before'];
    fireOnline();
    await vi_waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual([false]);
    expect(timers.at(-1)?.ms).toBe(5000);
    timers.at(-1)!.f();
    await vi_waitFor(() => outcomes.length === 2);
    expect(outcomes).toEqual([false, true]);
    expect(server.writes.get(r.id)).toBe(1);
    scheduler.stop();
  });
});

async function vi_waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}
