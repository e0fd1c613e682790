/** A dashboard answer as the server gives it, for the region `kato` or the country. */
import type { Report } from '../src/api/types.js';

const areas = (s: number, i: number, f: number) => ({ surveyed_ha: s, infested_ha: i, foci: f });

export function report(kato: string | null): Report {
  const akmola = { kato: '110000000', region_kato: null, name: 'Ақмола облысы', ...areas(120, 9.5, 3) };
  const abai = { kato: '100000000', region_kato: null, name: 'Абай облысы', ...areas(20, 7, 1) };
  const districts = [
    { kato: '111000000', region_kato: '110000000', name: 'Целиноград ауданы', ...areas(100, 9.2, 2) },
    { kato: '112000000', region_kato: '110000000', name: 'Шортанды ауданы', ...areas(20, 0.3, 1) },
    { kato: '103200000', region_kato: '100000000', name: 'Аягөз ауданы', ...areas(20, 7, 1) },
  ];
  const inRegion = kato === '110000000';
  return {
    organization: { id: 'o', name: 'Республикалық орталық' },
    query: { from: '2026-01-01', to: '2026-12-31', kato },
    totals: inRegion ? areas(120, 9.5, 3) : areas(140, 16.5, 4),
    regions: inRegion ? [akmola] : [abai, akmola],
    districts: inRegion ? districts.slice(0, 2) : districts,
    organisms: [{ eppo_code: 'ACLRGL', name: 'Карантиндік ағза', name_la: 'Acroptilon repens', ...areas(140, 16.5, 4) }],
    trend: [{ month: '2026-05', current: areas(140, 16.5, 4), previous: areas(10, 1, 1) }],
    quarantine: [
      { survey_id: 's2', seq: 1, surveyed_at: '2026-06-02T06:00:00Z', eppo_code: 'ACLRGL', organism: 'Карантиндік ағза', category: 'quarantine', object_id: 'ob1', object_name: 'Бидай алқабы', kato: '111000000', place: 'Целиноград ауданы', infested_ha: 7 },
      { survey_id: 's1', seq: 1, surveyed_at: '2026-05-02T06:00:00Z', eppo_code: 'ACLRGL', organism: 'Карантиндік ағза', category: 'quarantine', object_id: null, object_name: null, kato: null, place: null, infested_ha: 0.5 },
    ],
    acts: [
      { act_type: 'quarantine-survey', status: 'approved', count: 2 },
      { act_type: 'quarantine-survey', status: 'draft', count: 1 },
      { act_type: 'prescription', status: 'registered', count: 1 },
    ],
    overdue: [{ act_id: 'a1', registry_number: '11-2026-000001', object_id: 'ob1', object_name: 'Бидай алқабы', kato: '111000000', measure: 'Гербицидпен өңдеу', deadline: '2026-06-01', days_overdue: 12 }],
    tasks: { planned: 5, done: 3, late: 1, warnings_confirmed: 1 },
    inspectors: [{ inspector_id: 'i1', name: 'Сейітқали Әйгерім', surveys: 4, acts: 3, field_days: 2 }],
  } as Report;
}
