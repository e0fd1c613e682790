/**
 * Drawing and editing one object's place on the map (R-GEO-1, issue 15) with Terra Draw (the
 * maintained drawing library for MapLibre): a point or a polygon; the existing shape opens in
 * edit mode (drag it, drag its corners, add a corner from a midpoint), or is drawn anew. A point
 * can also be typed as coordinates, for the keyboard.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../app/i18n-app.js';
import { Field } from '../../app/ui.js';
import { mapSettings } from './config.js';
import type { MapLibre } from './maplibre.js';

export type Geometry = { type: 'Point'; coordinates: [number, number] } | { type: 'Polygon'; coordinates: Array<Array<[number, number]>> };
export type Kind = 'point' | 'polygon';

type DrawFeature = { id?: string | number; type: 'Feature'; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> };
interface Draw {
  start(): void;
  stop(): void;
  on(ev: string, f: (...a: unknown[]) => void): void;
  setMode(m: string): void;
  getMode(): string;
  getSnapshot(): DrawFeature[];
  addFeatures(f: DrawFeature[]): Array<{ id?: string | number; valid: boolean }>;
  removeFeatures(ids: Array<string | number>): void;
  selectFeature(id: string | number): void;
  clear(): void;
  enabled: boolean;
}

const round = (n: number) => Number(n.toFixed(7));

/** The object's geometry from what the drawing holds: the last finished point or polygon. */
export function geometryOf(features: DrawFeature[]): Geometry | null {
  for (const f of [...features].reverse()) {
    if (f.properties.currentlyDrawing) continue;
    if (f.geometry.type === 'Point') {
      const [x, y] = f.geometry.coordinates as [number, number];
      return { type: 'Point', coordinates: [round(x), round(y)] };
    }
    if (f.geometry.type === 'Polygon') {
      const rings = (f.geometry.coordinates as Array<Array<[number, number]>>).map((r) => r.map(([x, y]) => [round(x), round(y)] as [number, number]));
      return { type: 'Polygon', coordinates: rings };
    }
  }
  return null;
}

/** The box around a geometry, for fitting the map to it. */
export function boundsOf(g: Geometry): [[number, number], [number, number]] {
  const pts = g.type === 'Point' ? [g.coordinates] : g.coordinates.flat();
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ];
}

export function GeometryEditor({ initial, kinds, onChange }: { initial: Geometry | null; kinds: Kind[]; onChange: (g: Geometry | null) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const drawRef = useRef<Draw | null>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const [mode, setMode] = useState<'select' | Kind>('select');
  /** The drawing tool works once the map has loaded: its buttons wait for it. */
  const [ready, setReady] = useState(false);
  const [current, setCurrent] = useState<Geometry | null>(initial);
  const [lat, setLat] = useState(initial?.type === 'Point' ? String(initial.coordinates[1]) : '');
  const [lon, setLon] = useState(initial?.type === 'Point' ? String(initial.coordinates[0]) : '');
  const changed = (g: Geometry | null) => {
    setCurrent(g);
    onChange(g);
    if (g?.type === 'Point') {
      setLon(String(g.coordinates[0]));
      setLat(String(g.coordinates[1]));
    }
  };

  useEffect(() => {
    let live = true;
    let map: MapLibre | null = null;
    let draw: Draw | null = null;
    Promise.all([mapSettings(), import('./maplibre.js'), import('terra-draw'), import('terra-draw-maplibre-gl-adapter')]).then(([settings, lib, td, adapter]) => {
      if (!live || !box.current) return;
      map = lib.createMap(box.current, settings, t('portal-map-draw-label'));
      mapRef.current = map;
      map.on('load', () => {
        if (!live || !map) return;
        const editable = { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } };
        draw = new td.TerraDraw({
          adapter: new adapter.TerraDrawMapLibreGLAdapter({ map }),
          modes: [
            new td.TerraDrawPointMode({ styles: { pointColor: '#8a5a00', pointWidth: 7, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
            new td.TerraDrawPolygonMode({ styles: { fillColor: '#d9a21b', fillOpacity: 0.3, outlineColor: '#8a5a00', outlineWidth: 2 } }),
            new td.TerraDrawSelectMode({ flags: { point: { feature: { draggable: true } }, polygon: editable } }),
          ],
        }) as unknown as Draw;
        drawRef.current = draw;
        draw.start();
        if (initial) {
          const [added] = draw.addFeatures([{ type: 'Feature', geometry: initial, properties: { mode: initial.type === 'Point' ? 'point' : 'polygon' } }]);
          draw.setMode('select');
          if (added?.id !== undefined) draw.selectFeature(added.id);
          if (initial.type === 'Point') map.jumpTo({ center: initial.coordinates, zoom: 14 });
          else map.fitBounds(boundsOf(initial), { padding: 40, animate: false });
        } else {
          draw.setMode(kinds[0] ?? 'point');
          setMode(kinds[0] ?? 'point');
        }
        draw.on('finish', (id) => {
          if (!draw) return;
          // One shape per object: a newly drawn one replaces the old.
          const others = draw.getSnapshot().filter((f) => f.id !== id && !f.properties.currentlyDrawing && (f.geometry.type === 'Point' || f.geometry.type === 'Polygon'));
          if (others.length) draw.removeFeatures(others.map((f) => f.id as string | number));
          changed(geometryOf(draw.getSnapshot()));
          if (draw.getMode() !== 'select') {
            draw.setMode('select');
            setMode('select');
          }
        });
        draw.on('change', (_ids, type) => {
          if (!draw || type === 'styling') return;
          const g = geometryOf(draw.getSnapshot());
          if (g) changed(g);
        });
        setReady(true);
      });
    });
    return () => {
      live = false;
      try {
        draw?.stop();
      } catch {
        // the map may be gone already
      }
      map?.remove();
    };
  }, []);

  const redraw = (k: Kind) => {
    const draw = drawRef.current;
    if (!draw) return;
    draw.setMode(k);
    setMode(k);
  };
  const placeTyped = () => {
    const x = Number(lon);
    const y = Number(lat);
    if (!Number.isFinite(x) || !Number.isFinite(y) || lon === '' || lat === '') return;
    const draw = drawRef.current;
    const g: Geometry = { type: 'Point', coordinates: [x, y] };
    if (draw) {
      draw.clear();
      const [added] = draw.addFeatures([{ type: 'Feature', geometry: g, properties: { mode: 'point' } }]);
      draw.setMode('select');
      setMode('select');
      if (added?.id !== undefined) draw.selectFeature(added.id);
    }
    mapRef.current?.jumpTo({ center: [x, y], zoom: 14 });
    changed(g);
  };
  const hint = mode === 'point' ? t('portal-draw-hint-point') : mode === 'polygon' ? t('portal-draw-hint-polygon') : t('portal-draw-hint-edit');
  return (
    <fieldset class="card">
      <legend>{t('portal-object-geometry')}</legend>
      <div class="actions">
        {kinds.includes('point') ? (
          <button type="button" aria-pressed={mode === 'point'} disabled={!ready} onClick={() => redraw('point')}>
            {t('portal-draw-new-point')}
          </button>
        ) : null}
        {kinds.includes('polygon') ? (
          <button type="button" aria-pressed={mode === 'polygon'} disabled={!ready} onClick={() => redraw('polygon')}>
            {t('portal-draw-new-polygon')}
          </button>
        ) : null}
      </div>
      <p class="muted" id="draw-edit-hint" role="status">
        {hint} {current ? t('portal-draw-current', { kind: current.type }) : ''}
      </p>
      <div ref={box} class="map map-small" role="region" aria-label={t('portal-map-draw-label')} aria-describedby="draw-edit-hint" data-testid="edit-map" data-ready={ready ? 'yes' : undefined} />
      {kinds.includes('point') ? (
        <div class="filters">
          <Field label={t('portal-lat')} id="ge-lat">
            <input id="ge-lat" inputMode="decimal" value={lat} onInput={(e) => setLat(e.currentTarget.value)} onBlur={placeTyped} />
          </Field>
          <Field label={t('portal-lon')} id="ge-lon">
            <input id="ge-lon" inputMode="decimal" value={lon} onInput={(e) => setLon(e.currentTarget.value)} onBlur={placeTyped} />
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
}
