/**
 * Choosing a survey task's objects (R-SURV-2, issue 15): draw the area on the map and search the
 * register by name — every page of it, not the first 1,000 — inside the area's box on the server
 * and inside the area itself here; pick objects one by one or all that were found.
 */
import { useState } from 'preact/hooks';
import { t } from '../app/i18n-app.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, useAction } from '../app/ui.js';
import { GeometryEditor, boundsOf, type Geometry } from './map/draw.js';
import { nextCursor, type Feature, type FeatureCollection } from './objects.js';

type Ring = Array<[number, number]>;

/** Ray casting: is the point inside the ring? */
export function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Is any part of the object (its point, or a corner of its outline) inside the area? */
export function touchesArea(g: Feature['geometry'], area: Geometry | null): boolean {
  if (!area || area.type !== 'Polygon') return true;
  if (!g) return false;
  const [outer, ...holes] = area.coordinates;
  const inside = (p: [number, number]) => inRing(p, outer as Ring) && !holes.some((h) => inRing(p, h));
  if (g.type === 'Point') return inside(g.coordinates as [number, number]);
  if (g.type === 'Polygon') return (g.coordinates as Ring[]).flat().some(inside);
  if (g.type === 'MultiPolygon') return (g.coordinates as Ring[][]).flat(2).some(inside);
  return false;
}

export function matches(f: Feature, q: string, area: Geometry | null): boolean {
  const needle = q.trim().toLocaleLowerCase();
  return (!needle || f.properties.name.toLocaleLowerCase().includes(needle)) && touchesArea(f.geometry, area);
}

export function ObjectPicker({ chosen, onChosen, onArea }: { chosen: string[]; onChosen: (ids: string[]) => void; onArea: (g: Geometry | null) => void }) {
  const [area, setArea] = useState<Geometry | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Feature[] | null>(null);
  const [scanned, setScanned] = useState(0);
  const search = useAction();
  const run = (e: Event) => {
    e.preventDefault();
    setFound(null);
    setScanned(0);
    void search.run(async () => {
      const hits: Feature[] = [];
      let after: string | undefined;
      let seen = 0;
      const bbox = area ? boundsOf(area).flat().join(',') : undefined;
      do {
        const page: FeatureCollection = await api.get<FeatureCollection>('/api/v1/objects', { query: { limit: 1000, bbox, after } });
        seen += page.features.length;
        hits.push(...page.features.filter((f) => matches(f, q, area)));
        setScanned(seen);
        after = nextCursor(page);
      } while (after);
      setFound(hits);
    });
  };
  const toggle = (id: string, on: boolean) => onChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  const shown = (found ?? []).slice(0, 200);
  return (
    <fieldset>
      <legend>{t('portal-task-objects')}</legend>
      <GeometryEditor
        initial={null}
        kinds={['polygon']}
        onChange={(g) => {
          setArea(g);
          onArea(g);
        }}
      />
      <div class="filters">
        <Field label={t('portal-search')} id="t-search">
          <input id="t-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </Field>
        <button type="button" onClick={run} disabled={search.busy}>
          {area ? t('portal-task-search-area') : t('portal-task-search')}
        </button>
      </div>
      <ErrorBox error={search.error} />
      {search.busy || found ? (
        <p class="muted" role="status">
          {found ? t('portal-task-found', { count: found.length, scanned }) : t('portal-task-scanning', { scanned })}
        </p>
      ) : null}
      {found && found.length > 0 ? (
        <button type="button" onClick={() => onChosen([...new Set([...chosen, ...found.map((f) => f.id)])])}>
          {t('portal-task-choose-all', { count: found.length })}
        </button>
      ) : null}
      <ul class="plain">
        {shown.map((f) => (
          <li key={f.id}>
            <label class="check">
              <input type="checkbox" checked={chosen.includes(f.id)} onChange={(e) => toggle(f.id, e.currentTarget.checked)} />
              {f.properties.name}
            </label>
          </li>
        ))}
      </ul>
      {found && found.length > shown.length ? <p class="muted">{t('portal-task-more', { count: found.length - shown.length })}</p> : null}
      <p class="muted">{t('portal-task-chosen', { count: chosen.length })}</p>
    </fieldset>
  );
}
