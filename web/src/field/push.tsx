/**
 * Notifications on this device (R-NOTIF-1, issue 15): off until the person turns them on; only
 * then does the browser ask for permission. The device subscribes with the server's VAPID key and
 * tells the server which kinds it wants; turning it off unsubscribes. The service worker shows
 * each push and opens its item on click (src/sw/sw.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import type { components } from '../api/schema.js';
import { t } from '../app/i18n-app.js';
import { api } from '../app/session.js';
import { ErrorBox, PageTitle, useAction } from '../app/ui.js';
import { FieldNav } from './ui.js';

type SubscriptionInput = components['schemas']['SubscriptionInput'];

/** The kinds a person in the field may want on their phone, with their labels. */
export const PUSH_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['task-assigned', 'field-push-kind-task-assigned'],
  ['act-approved', 'field-push-kind-act-approved'],
  ['act-returned', 'field-push-kind-act-returned'],
  ['act-registered', 'field-push-kind-act-registered'],
  ['quarantine-found', 'field-push-kind-quarantine-found'],
  ['zone-established', 'field-push-kind-zone-established'],
  ['zone-lifted', 'field-push-kind-zone-lifted'],
  ['sample-confirmed', 'field-push-kind-sample-confirmed'],
  ['sample-negative', 'field-push-kind-sample-negative'],
];

const KEY = 'fito.push';
export interface PushPrefs {
  on: boolean;
  kinds: string[];
}
export function loadPrefs(store: Pick<Storage, 'getItem'> = localStorage): PushPrefs {
  try {
    const v = JSON.parse(store.getItem(KEY) ?? 'null') as PushPrefs | null;
    if (v && typeof v.on === 'boolean' && Array.isArray(v.kinds)) return v;
  } catch {
    // a damaged value: the defaults
  }
  return { on: false, kinds: PUSH_KINDS.map(([k]) => k) };
}
function savePrefs(p: PushPrefs): void {
  localStorage.setItem(KEY, JSON.stringify(p));
}

/** The VAPID key (base64url) as the bytes `pushManager.subscribe` takes. */
export function keyBytes(base64url: string): Uint8Array {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(b64);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** What the server is told: the browser's subscription and the chosen kinds. */
export function subscriptionBody(sub: { endpoint?: string; keys?: Record<string, string> }, kinds: string[]): SubscriptionInput {
  return { endpoint: sub.endpoint ?? '', keys: { p256dh: sub.keys?.p256dh ?? '', auth: sub.keys?.auth ?? '' }, kinds };
}

async function registration(): Promise<ServiceWorkerRegistration> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) throw new Error(t('field-push-unsupported'));
  return navigator.serviceWorker.ready;
}

async function subscribe(kinds: string[]): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error(t('field-push-denied'));
  const { key } = await api.get<{ key: string }>('/api/v1/push/vapid-public-key');
  const reg = await registration();
  const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) as BufferSource }));
  await api.post('/api/v1/push/subscriptions', subscriptionBody(sub.toJSON() as { endpoint?: string; keys?: Record<string, string> }, kinds));
}

async function unsubscribe(): Promise<void> {
  const reg = await registration();
  const sub = await reg.pushManager.getSubscription();
  if (!sub) return;
  await api.delete('/api/v1/push/subscriptions', { endpoint: sub.endpoint }).catch(() => undefined);
  await sub.unsubscribe();
}

export default function PushSettings() {
  const [prefs, setPrefs] = useState<PushPrefs>(loadPrefs());
  const [permission, setPermission] = useState<string>(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  const act = useAction();
  useEffect(() => savePrefs(prefs), [prefs]);
  const apply = (next: PushPrefs) =>
    void act.run(async () => {
      if (next.on) await subscribe(next.kinds);
      else if (prefs.on) await unsubscribe();
      setPrefs(next);
      if (typeof Notification !== 'undefined') setPermission(Notification.permission);
    });
  const toggleKind = (kind: string, on: boolean) => {
    const kinds = on ? [...prefs.kinds, kind] : prefs.kinds.filter((k) => k !== kind);
    if (prefs.on) apply({ ...prefs, kinds });
    else setPrefs({ ...prefs, kinds });
  };
  return (
    <>
      <PageTitle title={t('field-push-title')} />
      <FieldNav />
      <section class="card" aria-labelledby="push-h">
        <h2 id="push-h">{t('field-push-device')}</h2>
        <label class="check">
          <input type="checkbox" checked={prefs.on} disabled={act.busy} onChange={(e) => apply({ ...prefs, on: e.currentTarget.checked })} />
          {t('field-push-on')}
        </label>
        <p class="muted" role="status">
          {prefs.on ? t('field-push-state-on') : permission === 'denied' ? t('field-push-denied') : t('field-push-state-off')}
        </p>
        <ErrorBox error={act.error} />
        <fieldset>
          <legend>{t('field-push-kinds')}</legend>
          {PUSH_KINDS.map(([kind, label]) => (
            <label class="check" key={kind}>
              <input type="checkbox" name="push-kind" value={kind} checked={prefs.kinds.includes(kind)} disabled={act.busy} onChange={(e) => toggleKind(kind, e.currentTarget.checked)} />
              {t(label)}
            </label>
          ))}
        </fieldset>
      </section>
    </>
  );
}
