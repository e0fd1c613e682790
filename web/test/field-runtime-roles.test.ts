// @vitest-environment happy-dom
// Field mode keeps an area on the device only for the roles that work in the field
// (R-MOB-1, R-MOB-4): an administrator's or a head's browser pulls nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { user, type User } from '../src/app/session.js';
import { startField } from '../src/field/runtime.js';

const asked: string[] = [];
globalThis.fetch = (async (input: RequestInfo | URL) => {
  const url = new URL(String(input), 'http://portal.test');
  asked.push(url.pathname);
  const body = url.pathname === '/api/v1/sync/pull' ? { changes: [], cursor: 'c1', more: false } : {};
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}) as typeof fetch;

const person = (id: string, role: string) => ({ id, role, actions: [] }) as unknown as User;
const pulled = () => asked.filter((p) => p === '/api/v1/sync/pull').length;

async function settle(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return check();
}

describe('field mode at sign-in', () => {
  it('pulls the area for an inspector, and nothing for an administrator or a head', async () => {
    startField();
    user.value = person('u-admin', 'administrator');
    await new Promise((r) => setTimeout(r, 300));
    user.value = person('u-head', 'head');
    await new Promise((r) => setTimeout(r, 300));
    expect(pulled()).toBe(0);
    user.value = null;
    user.value = person('u-inspector', 'inspector');
    expect(await settle(() => pulled() > 0)).toBe(true);
  });
});
