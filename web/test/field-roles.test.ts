// Issue 15: field mode offers "start survey" only to roles the server lets record one — the
// rule is the server's role table as GET /api/v1/me lists it (`actions`), never a copy here.
import { describe, expect, it } from 'vitest';
import { may, user, type User } from '../src/app/session.js';

const person = (role: string, actions: string[]) => ({ id: 'u', role, actions }) as unknown as User;

describe('may (issue 15)', () => {
  it('follows the actions the server listed for the person', () => {
    const inspector = person('inspector', ['object.read', 'survey.record']);
    const operator = person('operator', ['object.read', 'object.create', 'act.register']);
    expect(may('survey.record', inspector)).toBe(true);
    expect(may('survey.record', operator)).toBe(false);
    // The role alone decides nothing: an inspector's answer without the action hides it.
    expect(may('survey.record', person('inspector', []))).toBe(false);
  });

  it('is false signed out, while checking, and for a profile kept from before the field existed', () => {
    expect(may('survey.record', null)).toBe(false);
    expect(may('survey.record', undefined)).toBe(false);
    expect(may('survey.record', { id: 'u', role: 'inspector' } as unknown as User)).toBe(false);
  });

  it('reads the signed-in user by default', () => {
    user.value = person('inspector', ['survey.record']);
    expect(may('survey.record')).toBe(true);
    user.value = person('operator', ['object.read']);
    expect(may('survey.record')).toBe(false);
    user.value = undefined;
  });
});
