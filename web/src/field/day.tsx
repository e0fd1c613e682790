/** The inspector's day (R-MOB-1, R-SURV-1): tasks and objects from the device, surveys in
 * progress, own acts, the offline base map. Everything here reads IndexedDB, so it works
 * with no connection. */
import { useEffect, useState } from 'preact/hooks';
import { localName, t } from '../app/i18n-app.js';
import { href, navigate } from '../app/router.js';
import { may } from '../app/session.js';
import { PageTitle, Status } from '../app/ui.js';
import { uuidv7 } from '../sync/uuid7.js';
import { anchor, useCached, useFieldObjects, type FieldObject } from './data.js';
import { mapSettings } from './map.js';
import { cacheTick, drafts, online, putDraft } from './runtime.js';
import { offlineTiles } from './offline-tiles.js';
import { bboxOf, bulkAllowed, saveTiles, savedTileCount, tileUrls, type MapSettings } from './tiles.js';
import { FieldNav, SyncBar } from './ui.js';
import type { DraftRow } from '../sync/db.js';

/** The server's action for recording a survey: only roles whose actions list it see "start survey". */
export const SURVEY_RECORD = 'survey.record';

export async function startSurvey(objectId: string | null, taskId: string | null): Promise<void> {
  const id = uuidv7();
  const data: Record<string, unknown> = { id, surveyed_at: new Date().toISOString(), points: [] };
  if (objectId) data.object_id = objectId;
  if (taskId) data.task_id = taskId;
  await putDraft(id, data);
  navigate(`/field/survey/${id}`);
}

function ObjectLine({ o, taskId, types }: { o: FieldObject; taskId: string | null; types: ReturnType<typeof useCached> }) {
  const type = types?.find((r) => r.data.code === o.type);
  return (
    <li>
      <strong>{o.name}</strong> {type ? <span class="muted">· {localName(type.data, o.type)}</span> : null}
      {o.local ? <span class="badge"> {t('field-not-sent')}</span> : null}{' '}
      {may(SURVEY_RECORD) ? (
        <button type="button" onClick={() => void startSurvey(o.id, taskId)} aria-label={t('field-start-survey-on', { name: o.name })}>
          {t('field-start-survey')}
        </button>
      ) : null}
    </li>
  );
}

export default function Day() {
  const tasks = useCached('task');
  const acts = useCached('act');
  const types = useCached('reference', 'object_types');
  const objects = useFieldObjects();
  const [inProgress, setInProgress] = useState<DraftRow[]>([]);
  const tick = cacheTick.value;
  useEffect(() => {
    void drafts().then(setInProgress, () => setInProgress([]));
  }, [tick]);

  const byId = new Map((objects ?? []).map((o) => [o.id, o]));
  const onTasks = new Set<string>();
  const openTasks = (tasks ?? []).filter((x) => x.data.status === undefined || x.data.status === 'open');

  return (
    <>
      <PageTitle title={t('field-day-title')} />
      <FieldNav />
      <SyncBar />
      <section class="card" aria-labelledby="tasks-h">
        <h2 id="tasks-h">{t('field-tasks')}</h2>
        {openTasks.length === 0 ? <p class="muted">{t('field-no-tasks')}</p> : null}
        {openTasks.map((task) => {
          const ids = Array.isArray(task.data.object_ids) ? (task.data.object_ids as string[]) : [];
          ids.forEach((i) => onTasks.add(i));
          return (
            <article key={task.id} class="task">
              <h3>{t('field-task-due', { date: String(task.data.due_on ?? '') })}</h3>
              {typeof task.data.note === 'string' ? <p>{task.data.note}</p> : null}
              <ul>
                {ids.map((i) => {
                  const o = byId.get(i);
                  return o ? <ObjectLine key={i} o={o} taskId={task.id} types={types} /> : <li key={i} class="muted">{t('field-object-not-cached')}</li>;
                })}
              </ul>
            </article>
          );
        })}
      </section>
      <section class="card" aria-labelledby="objects-h">
        <h2 id="objects-h">{t('field-objects')}</h2>
        {objects && objects.filter((o) => !onTasks.has(o.id)).length === 0 ? <p class="muted">{t('field-no-objects')}</p> : null}
        <ul>
          {(objects ?? []).filter((o) => !onTasks.has(o.id)).map((o) => (
            <ObjectLine key={o.id} o={o} taskId={null} types={types} />
          ))}
        </ul>
        <div class="actions">
          {may(SURVEY_RECORD) ? (
            <button type="button" onClick={() => void startSurvey(null, null)}>{t('field-survey-adhoc')}</button>
          ) : null}
          <a class="button" href={href('/field/object/new')}>{t('field-place-object')}</a>
        </div>
      </section>
      <section class="card" aria-labelledby="drafts-h">
        <h2 id="drafts-h">{t('field-surveys-in-progress')}</h2>
        {inProgress.length === 0 ? <p class="muted">{t('field-none')}</p> : null}
        <ul>
          {inProgress.map((d) => {
            const o = typeof d.data.object_id === 'string' ? byId.get(d.data.object_id) : undefined;
            const n = Array.isArray(d.data.points) ? d.data.points.length : 0;
            return (
              <li key={d.id}>
                <a href={href(`/field/survey/${d.id}`)}>{o ? o.name : t('field-adhoc-place')}</a> <span class="muted">{t('field-point-count', { count: n })}</span>
              </li>
            );
          })}
        </ul>
      </section>
      <section class="card" aria-labelledby="acts-h">
        <h2 id="acts-h">{t('field-my-acts')}</h2>
        {(acts ?? []).length === 0 ? <p class="muted">{t('field-none')}</p> : null}
        <ul>
          {(acts ?? []).map((a) => (
            <li key={a.id}>
              {t(`field-act-type-${String(a.data.act_type)}`)} {a.data.registry_number ? `№ ${String(a.data.registry_number)}` : ''}{' '}
              <Status value={String(a.data.status ?? 'draft')} prefix="field-act-status" />
            </li>
          ))}
        </ul>
      </section>
      <OfflineMap objects={objects ?? []} />
    </>
  );
}

function OfflineMap({ objects }: { objects: FieldObject[] }) {
  const [settings, setSettings] = useState<MapSettings | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => {
    void mapSettings().then(setSettings);
    void savedTileCount().then(setSaved, () => setSaved(0));
  }, []);
  if (!settings) return null;
  const allowed = bulkAllowed(settings);
  const points = objects.map((o) => anchor(o.geometry)).filter((p): p is [number, number] => !!p);
  const bbox = bboxOf(points);
  const download = async (): Promise<void> => {
    if (!bbox) return;
    const urls = tileUrls(settings, bbox, 10, 16).slice(0, 5000);
    setProgress({ done: 0, total: urls.length });
    await saveTiles(urls, (done) => setProgress({ done, total: urls.length }));
    setSaved(await savedTileCount());
    setProgress(null);
  };
  return (
    <section class="card" aria-labelledby="basemap-h">
      <h2 id="basemap-h">{t('field-basemap')}</h2>
      <p data-testid="offline-tiles">{t('field-map-tiles-saved', { count: offlineTiles.value ?? 0 })}</p>
      {!allowed ? (
        <p>{t('field-basemap-needs-connection')}</p>
      ) : (
        <>
          <p>{t('field-basemap-saved', { count: saved ?? 0 })}</p>
          {progress ? (
            <p role="status">{t('field-basemap-progress', { done: progress.done, total: progress.total })}</p>
          ) : (
            <button type="button" disabled={!bbox || !online.value} onClick={() => void download()}>
              {t('field-basemap-download')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
