/**
 * Registering an object (R-OBJ-1, R-GEO-1): its fields, and its place drawn on the map —
 * a point (one click, or typed coordinates) or a polygon (clicks for its corners).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { localName, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { navigate } from '../app/router.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, PageTitle, useAction } from '../app/ui.js';
import { mapSettings } from './map/config.js';
import { keyOf } from './ref.js';
import { useReference, type Feature } from './objects.js';
import type { MapLibre } from './map/maplibre.js';
import type { ObjectInput } from '../api/types.js';

type Mode = 'point' | 'polygon';

/** The GeoJSON geometry for what was drawn, or null when it is not complete yet. */
export function drawnGeometry(mode: Mode, vertices: Array<[number, number]>): { type: string; coordinates: unknown } | null {
  if (mode === 'point') {
    const p = vertices[vertices.length - 1];
    return p ? { type: 'Point', coordinates: p } : null;
  }
  if (vertices.length < 3) return null;
  const ring = [...vertices, vertices[0] as [number, number]];
  return { type: 'Polygon', coordinates: [ring] };
}

function draftData(mode: Mode, vertices: Array<[number, number]>): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = vertices.map((v) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: v } }));
  const g = drawnGeometry(mode, vertices);
  if (g && g.type === 'Polygon') features.push({ type: 'Feature', properties: {}, geometry: g as GeoJSON.Polygon });
  else if (mode === 'polygon' && vertices.length >= 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: vertices } });
  return { type: 'FeatureCollection', features };
}

export default function NewObject(_props: ScreenProps) {
  const types = useReference('object-types');
  const crops = useReference('crops');
  const units = useReference('admin-units');
  const [type, setType] = useState('');
  const [name, setName] = useState('');
  const [kato, setKato] = useState('');
  const [crop, setCrop] = useState('');
  const [ownerKind, setOwnerKind] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [notes, setNotes] = useState('');
  const [mode, setMode] = useState<Mode>('point');
  const [vertices, setVertices] = useState<Array<[number, number]>>([]);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [missingPlace, setMissingPlace] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const modeRef = useRef(mode);
  modeRef.current = mode;
  const save = useAction();

  const geomKind = types.find((x) => x.code === type)?.geometry;
  useEffect(() => {
    if (geomKind === 'point' && mode !== 'point') setMode('point');
    if (geomKind === 'polygon' && mode !== 'polygon') setMode('polygon');
  }, [geomKind]);

  useEffect(() => {
    let live = true;
    let map: MapLibre | null = null;
    Promise.all([mapSettings(), import('./map/maplibre.js')]).then(([settings, lib]) => {
      if (!live || !box.current) return;
      map = lib.createMap(box.current, settings, t('portal-map-draw-label'));
      mapRef.current = map;
      map.on('load', () => {
        if (!map) return;
        map.addSource('draft', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        map.addLayer({ id: 'draft-fill', type: 'fill', source: 'draft', filter: ['==', '$type', 'Polygon'], paint: { 'fill-color': '#d9a21b', 'fill-opacity': 0.3 } });
        map.addLayer({ id: 'draft-line', type: 'line', source: 'draft', filter: ['!=', '$type', 'Point'], paint: { 'line-color': '#8a5a00', 'line-width': 2 } });
        map.addLayer({ id: 'draft-points', type: 'circle', source: 'draft', filter: ['==', '$type', 'Point'], paint: { 'circle-color': '#8a5a00', 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
        map.on('click', (e) => {
          const p: [number, number] = [Number(e.lngLat.lng.toFixed(7)), Number(e.lngLat.lat.toFixed(7))];
          setVertices((vs) => (modeRef.current === 'point' ? [p] : [...vs, p]));
        });
      });
    });
    return () => {
      live = false;
      map?.remove();
    };
  }, []);

  useEffect(() => {
    const src = mapRef.current?.getSource('draft') as { setData(d: unknown): void } | undefined;
    src?.setData(draftData(mode, vertices));
    const last = vertices[vertices.length - 1];
    if (mode === 'point' && last) {
      setLon(String(last[0]));
      setLat(String(last[1]));
    }
  }, [vertices, mode]);

  const placeTyped = () => {
    const x = Number(lon);
    const y = Number(lat);
    if (Number.isFinite(x) && Number.isFinite(y) && lon !== '' && lat !== '') {
      setVertices([[x, y]]);
      mapRef.current?.jumpTo({ center: [x, y], zoom: 13 });
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const geometry = drawnGeometry(mode, vertices);
    setMissingPlace(!geometry);
    if (!geometry) return;
    void save.run(async () => {
      const owner = ownerKind
        ? { kind: ownerKind, name: ownerName, ...(ownerKind === 'legal_entity' ? { bin: ownerId || null } : { iin: ownerId || null }) }
        : null;
      const created = await api.post<Feature>('/api/v1/objects', {
        type,
        name: name.trim(),
        kato: kato || null,
        crop: crop || null,
        notes: notes.trim() || null,
        owner,
        geometry,
      } satisfies ObjectInput);
      navigate(`/objects/${created.id}`);
    });
  };

  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-object-new')} />
      <form onSubmit={submit} class="two-col">
        <div class="card">
          <Field label={t('portal-object-type')} id="o-type">
            <select id="o-type" required value={type} onChange={(e) => setType(e.currentTarget.value)}>
              <option value="">—</option>
              {types.filter((x) => x.active !== false).map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, x.code)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('portal-object-name')} id="o-name">
            <input id="o-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field label={t('portal-object-unit')} id="o-kato">
            <select id="o-kato" value={kato} onChange={(e) => setKato(e.currentTarget.value)}>
              <option value="">—</option>
              {units.map((u) => (
                <option key={keyOf('admin-units', u)} value={keyOf('admin-units', u)}>
                  {localName(u)} ({u.kato})
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('portal-object-crop')} id="o-crop">
            <select id="o-crop" value={crop} onChange={(e) => setCrop(e.currentTarget.value)}>
              <option value="">—</option>
              {crops.filter((x) => x.active !== false).map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, x.code)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('portal-owner-kind')} id="o-owner-kind">
            <select id="o-owner-kind" value={ownerKind} onChange={(e) => setOwnerKind(e.currentTarget.value)}>
              <option value="">—</option>
              <option value="legal_entity">{t('portal-owner-legal')}</option>
              <option value="person">{t('portal-owner-person')}</option>
            </select>
          </Field>
          {ownerKind ? (
            <>
              <Field label={t('portal-owner-name')} id="o-owner-name">
                <input id="o-owner-name" required value={ownerName} onInput={(e) => setOwnerName(e.currentTarget.value)} />
              </Field>
              <Field label={ownerKind === 'legal_entity' ? t('portal-owner-bin') : t('portal-owner-iin')} id="o-owner-id">
                <input id="o-owner-id" inputMode="numeric" pattern="[0-9]{12}" value={ownerId} onInput={(e) => setOwnerId(e.currentTarget.value)} />
              </Field>
            </>
          ) : null}
          <Field label={t('portal-object-notes')} id="o-notes">
            <textarea id="o-notes" rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
          </Field>
        </div>
        <div>
          <fieldset class="card">
            <legend>{t('portal-object-geometry')}</legend>
            <div class="actions" role="radiogroup" aria-label={t('portal-map-draw-mode')}>
              <label class="check">
                <input type="radio" name="mode" value="point" checked={mode === 'point'} disabled={geomKind === 'polygon'} onChange={() => { setMode('point'); setVertices([]); }} />
                {t('portal-map-draw-point')}
              </label>
              <label class="check">
                <input type="radio" name="mode" value="polygon" checked={mode === 'polygon'} disabled={geomKind === 'point'} onChange={() => { setMode('polygon'); setVertices([]); }} />
                {t('portal-map-draw-polygon')}
              </label>
              <button
                type="button"
                onClick={() => {
                  // Keyboard drawing: pan the map with the arrow keys, then add its centre.
                  const c = mapRef.current?.getCenter();
                  if (!c) return;
                  const p: [number, number] = [Number(c.lng.toFixed(7)), Number(c.lat.toFixed(7))];
                  setVertices((vs) => (mode === 'point' ? [p] : [...vs, p]));
                }}
              >
                {t('portal-map-draw-add-centre')}
              </button>
              <button type="button" onClick={() => setVertices([])}>
                {t('portal-map-draw-clear')}
              </button>
            </div>
            <p class="muted" id="draw-hint">
              {mode === 'point' ? t('portal-map-draw-hint-point') : t('portal-map-draw-hint-polygon', { count: vertices.length })}
            </p>
            <div ref={box} class="map map-small" role="region" aria-label={t('portal-map-draw-label')} aria-describedby="draw-hint" data-testid="draw-map" />
            {mode === 'point' ? (
              <div class="filters">
                <Field label={t('portal-lat')} id="o-lat">
                  <input id="o-lat" inputMode="decimal" value={lat} onInput={(e) => setLat(e.currentTarget.value)} onBlur={placeTyped} />
                </Field>
                <Field label={t('portal-lon')} id="o-lon">
                  <input id="o-lon" inputMode="decimal" value={lon} onInput={(e) => setLon(e.currentTarget.value)} onBlur={placeTyped} />
                </Field>
              </div>
            ) : null}
          </fieldset>
          {missingPlace ? (
            <p class="error" role="alert">
              {t('portal-map-draw-missing')}
            </p>
          ) : null}
          <ErrorBox error={save.error} />
          <button type="submit" class="primary" disabled={save.busy}>
            {t('portal-object-create')}
          </button>
        </div>
      </form>
    </section>
  );
}
