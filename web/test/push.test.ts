// Web Push in the field app (R-NOTIF-1, issue 15): where a click on a notification leads, what
// the service worker makes of a payload, the VAPID key's bytes, and the device's choices.
import { describe, expect, it } from 'vitest';
import { pushTarget, readPayload } from '../src/sw/push-target.js';
import { PUSH_KINDS, keyBytes, loadPrefs, subscriptionBody } from '../src/field/push.js';

const BASE = 'https://fito.example.kz/';

describe('a pushed notification', () => {
  it('opens the item it is about', () => {
    expect(pushTarget({ target_kind: 'survey_task', target_id: 't1' }, BASE)).toBe('https://fito.example.kz/#/tasks/t1');
    expect(pushTarget({ target_kind: 'act', target_id: 'a 1' }, BASE)).toBe('https://fito.example.kz/#/acts/a%201');
    expect(pushTarget({ kind: 'withdrawal-resolved', target_kind: 'withdrawal', target_id: 'w' }, BASE)).toBe('https://fito.example.kz/#/me');
    expect(pushTarget({ kind: 'rectification-filed', target_kind: 'rectification', target_id: 'r' }, BASE)).toBe('https://fito.example.kz/#/admin/privacy');
    expect(pushTarget({}, BASE)).toBe('https://fito.example.kz/#/notifications');
  });
  it('reads the JSON payload, and shows plain text as the title', () => {
    expect(readPayload('{"id":"n1","kind":"task-assigned","title":"Тапсырма"}')).toEqual({ id: 'n1', kind: 'task-assigned', title: 'Тапсырма' });
    expect(readPayload('just text')).toEqual({ title: 'just text' });
    expect(readPayload(null)).toEqual({});
  });
});

describe('subscribing (issue 15)', () => {
  it('turns the VAPID key into the 65 bytes of a P-256 point', () => {
    const key = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
    const bytes = keyBytes(key);
    expect(bytes.length).toBe(65);
    expect(bytes[0]).toBe(4);
  });
  it('sends the subscription with the chosen kinds', () => {
    expect(subscriptionBody({ endpoint: 'https://push.example/x', keys: { p256dh: 'P', auth: 'A' } }, ['task-assigned'])).toEqual({
      endpoint: 'https://push.example/x',
      keys: { p256dh: 'P', auth: 'A' },
      kinds: ['task-assigned'],
    });
  });
  it('is off until the person turns it on, with every kind chosen', () => {
    const empty = { getItem: () => null };
    expect(loadPrefs(empty)).toEqual({ on: false, kinds: PUSH_KINDS.map(([k]) => k) });
    expect(loadPrefs({ getItem: () => '{broken' }).on).toBe(false);
    expect(loadPrefs({ getItem: () => '{"on":true,"kinds":["act-approved"]}' })).toEqual({ on: true, kinds: ['act-approved'] });
  });
});
