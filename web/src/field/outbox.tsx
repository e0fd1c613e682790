/**
 * The outbox (R-MOB-2): what waits to be sent, what the server has (sent), conflicts with
 * both resolutions, refusals with the server's translated reason; whether the browser keeps
 * the data persistently; and the last resort, the export of the unsent records to a file.
 */
import { useEffect, useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import { PageTitle } from '../app/ui.js';
import type { OutboxRecord, SentEntry } from '../sync/db.js';
import type { SyncEngine } from '../sync/engine.js';
import { askPersistence, cacheTick, deviceId, engine, outbox, persist } from './runtime.js';
import { FieldNav, SyncBar } from './ui.js';

function label(r: { kind: string; id: string }): string {
  return `${t(`field-kind-${r.kind}`)} ${r.id.slice(-8)}`;
}

function summary(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const d = data as Record<string, unknown>;
  const p = (typeof d.properties === 'object' && d.properties !== null ? d.properties : d) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof p.name === 'string') parts.push(p.name);
  if (Array.isArray(p.points)) parts.push(t('field-point-count', { count: p.points.length }));
  if (typeof p.conclusions === 'string' && p.conclusions) parts.push(p.conclusions.slice(0, 80));
  if (typeof p.status === 'string') parts.push(p.status);
  return parts.join(' · ');
}

export async function downloadOutbox(): Promise<void> {
  const e = await engine();
  const file = await e.exportOutbox(deviceId());
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `fito-outbox-${file.exported_at.slice(0, 19).replace(/[:T]/g, '-')}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

function Row({ r }: { r: OutboxRecord }) {
  const act = (f: (e: SyncEngine) => Promise<void>) => () => void engine().then(f);
  return (
    <li class={`outbox-${r.state}`}>
      <strong>{label(r)}</strong> <span class="muted">{summary(r.data)}</span>{' '}
      <span class="badge">{t(`field-state-${r.state}`)}</span>
      {r.attempts > 0 && r.state === 'waiting' ? <span class="muted"> · {t('field-attempts', { count: r.attempts })}</span> : null}
      {r.state === 'rejected' ? (
        <>
          <p class="error">{r.problem?.title ?? r.problem?.code ?? t('field-rejected-no-reason')}</p>
          {r.problem?.detail ? <p class="muted">{r.problem.detail}</p> : null}
          <div class="actions">
            <button type="button" onClick={act((e) => e.retry(r.id))}>{t('field-retry')}</button>
            <button type="button" class="danger" onClick={() => confirm(t('field-discard-confirm')) && void engine().then((e) => e.discard(r.id))}>
              {t('field-discard')}
            </button>
          </div>
        </>
      ) : null}
      {r.state === 'conflict' ? (
        <>
          <p>{t('field-conflict-text', { version: r.server_version ?? '?' })}</p>
          <dl class="props">
            <dt>{t('field-conflict-mine')}</dt>
            <dd>{summary(r.data)}</dd>
            <dt>{t('field-conflict-server')}</dt>
            <dd>{summary(r.server)}</dd>
          </dl>
          <div class="actions">
            <button type="button" class="primary" onClick={act((e) => e.keepMine(r.id))}>{t('field-keep-mine')}</button>
            <button type="button" onClick={act((e) => e.takeServer(r.id))}>{t('field-take-server')}</button>
          </div>
        </>
      ) : null}
    </li>
  );
}

export default function Outbox() {
  const [sent, setSent] = useState<SentEntry[]>([]);
  const tick = cacheTick.value;
  useEffect(() => {
    void engine().then((e) => e.sentLog()).then(setSent, () => setSent([]));
  }, [tick]);
  const records = outbox.value;
  const groups: Array<[string, OutboxRecord[]]> = [
    ['field-outbox-conflicts', records.filter((r) => r.state === 'conflict')],
    ['field-outbox-rejected', records.filter((r) => r.state === 'rejected')],
    ['field-outbox-waiting', records.filter((r) => r.state === 'waiting' || r.state === 'sending')],
  ];
  return (
    <>
      <PageTitle title={t('field-outbox-title')} />
      <FieldNav />
      <SyncBar />
      {groups.map(([title, list]) => (
        <section class="card" key={title} aria-labelledby={`${title}-h`}>
          <h2 id={`${title}-h`}>
            {t(title)} ({list.length})
          </h2>
          {list.length === 0 ? <p class="muted">{t('field-none')}</p> : <ul>{list.map((r) => <Row key={r.id} r={r} />)}</ul>}
        </section>
      ))}
      <section class="card" aria-labelledby="sent-h">
        <h2 id="sent-h">
          {t('field-outbox-sent')} ({sent.length})
        </h2>
        <p class="muted">{t('field-outbox-sent-hint')}</p>
        <ul>
          {sent.slice(0, 50).map((s) => (
            <li key={s.id}>
              {label(s)} · {t('field-version', { version: s.version })} · {fmtTime(s.sent_at)}
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="storage-h">
        <h2 id="storage-h">{t('field-storage')}</h2>
        <p id="persist-state">{t(`field-persist-${persist.value}`)}</p>
        {persist.value !== 'granted' && persist.value !== 'unsupported' ? (
          <button type="button" onClick={() => void askPersistence()}>
            {t('field-persist-ask')}
          </button>
        ) : null}
        <h3>{t('field-export-title')}</h3>
        <p class="muted">{t('field-export-hint')}</p>
        <button type="button" disabled={records.length === 0} onClick={() => void downloadOutbox()}>
          {t('field-export')}
        </button>
      </section>
    </>
  );
}
