/** Reference data (object types, crops, organisms, units) and people, fetched once per session. */
import { api } from '../app/session.js';
import type { AdminUnitView, CropView, ObjectTypeView, OrganismView, UserView } from '../api/types.js';

/** Each reference list (`GET /api/v1/reference/<list>`) and its entries. */
export interface RefLists {
  'object-types': ObjectTypeView;
  crops: CropView;
  organisms: OrganismView;
  'admin-units': AdminUnitView;
}
export type RefList = keyof RefLists;
export type RefEntry = RefLists[RefList];

const cache = new Map<RefList, Promise<RefEntry[]>>();

export function reference<L extends RefList>(list: L): Promise<RefLists[L][]> {
  let p = cache.get(list);
  if (!p) {
    p = api.get<RefEntry[]>(`/api/v1/reference/${list}`).then((v) => (Array.isArray(v) ? v : []));
    p.catch(() => cache.delete(list));
    cache.set(list, p);
  }
  return p as Promise<RefLists[L][]>;
}

/** Forgets a list fetched before, so the next look-up sees a change (after an import). */
export function forgetReference(list: RefList): void {
  cache.delete(list);
}

/** The entry's key: EPPO code, KATO code, or code. */
export function keyOf(list: RefList, e: RefEntry): string {
  const key = list === 'organisms' ? 'eppo_code' : list === 'admin-units' ? 'kato' : 'code';
  const v = (e as Partial<Record<string, unknown>>)[key];
  return typeof v === 'string' ? v : '';
}


/** Users the caller may see (Heads and administrators); empty for others. */
export async function people(query: Record<string, string> = {}): Promise<UserView[]> {
  try {
    return await api.get<UserView[]>('/api/v1/users', { query: { limit: 500, ...query } });
  } catch {
    return [];
  }
}
