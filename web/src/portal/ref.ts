/** Reference data (object types, crops, organisms, units) and people, fetched once per session. */
import { api } from '../app/session.js';

export interface RefEntry {
  code?: string;
  eppo_code?: string;
  kato?: string;
  name_kk?: string | null;
  name_ru?: string;
  name_en?: string | null;
  name_la?: string | null;
  active?: boolean;
  [key: string]: unknown;
}

export type RefList = 'object-types' | 'crops' | 'organisms' | 'admin-units';

const cache = new Map<string, Promise<RefEntry[]>>();

export function reference(list: RefList): Promise<RefEntry[]> {
  let p = cache.get(list);
  if (!p) {
    p = api.get<RefEntry[]>(`/api/v1/reference/${list}`).then((v) => (Array.isArray(v) ? v : []));
    p.catch(() => cache.delete(list));
    cache.set(list, p);
  }
  return p;
}

export function keyOf(list: RefList, e: RefEntry): string {
  if (list === 'organisms') return e.eppo_code ?? '';
  if (list === 'admin-units') return e.kato ?? '';
  return e.code ?? '';
}

export interface Person {
  id: string;
  surname: string;
  first_name: string;
  patronymic: string | null;
  role: string | null;
  organization_id: string | null;
  status: string;
  email: string;
}

/** Users the caller may see (Heads and administrators); empty for others. */
export async function people(query: Record<string, string> = {}): Promise<Person[]> {
  try {
    return await api.get<Person[]>('/api/v1/users', { query: { limit: 500, ...query } });
  } catch {
    return [];
  }
}
