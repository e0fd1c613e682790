/** Reading field data from the device: the pulled cache and what waits in the outbox. */
import { useEffect, useState } from 'preact/hooks';
import { localName } from '../app/i18n-app.js';
import type { CacheKind, CacheRow } from '../sync/db.js';
import { cacheTick, engine, outbox } from './runtime.js';

export function useCached(kind: CacheKind, list?: string): CacheRow[] | undefined {
  const [rows, setRows] = useState<CacheRow[] | undefined>(undefined);
  const tick = cacheTick.value;
  useEffect(() => {
    let live = true;
    engine()
      .then((e) => e.cached(kind, list))
      .then((r) => live && setRows(r), () => live && setRows([]));
    return () => {
      live = false;
    };
  }, [kind, list, tick]);
  return rows;
}

export interface FieldObject {
  id: string;
  name: string;
  type: string;
  geometry: { type: string; coordinates: unknown } | null;
  /** Made on this device and not yet acknowledged by the server. */
  local: boolean;
}

function props(d: Record<string, unknown>): Record<string, unknown> {
  const p = d.properties;
  return typeof p === 'object' && p !== null ? { ...d, ...(p as Record<string, unknown>) } : d;
}

export function toFieldObject(id: string, data: Record<string, unknown>, local: boolean): FieldObject {
  const p = props(data);
  return {
    id,
    name: typeof p.name === 'string' ? p.name : id,
    type: typeof p.type === 'string' && p.type !== 'Feature' ? p.type : typeof p.type_code === 'string' ? p.type_code : '',
    geometry: (data.geometry as FieldObject['geometry']) ?? null,
    local,
  };
}

/** Objects to work on: the pulled ones plus those registered here and not yet sent. */
export function useFieldObjects(): FieldObject[] | undefined {
  const cached = useCached('object');
  if (!cached) return undefined;
  const local = outbox.value.filter((r) => r.kind === 'object').map((r) => toFieldObject(r.id, r.data, true));
  const ids = new Set(local.map((o) => o.id));
  return [...local, ...cached.filter((c) => !ids.has(c.id)).map((c) => toFieldObject(c.id, c.data, false))];
}

/** A representative position of a geometry (a Point's own; a polygon's first vertex). */
export function anchor(g: FieldObject['geometry']): [number, number] | null {
  let c: unknown = g?.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] : null;
}

export function refName(rows: CacheRow[] | undefined, code: string): string {
  const r = rows?.find((x) => x.data.code === code || x.data.eppo_code === code || x.id.endsWith(`:${code}`));
  return r ? localName(r.data, code) : code;
}

export function refCode(r: CacheRow): string {
  const d = r.data;
  return String(d.eppo_code ?? d.code ?? d.kato ?? r.id);
}
