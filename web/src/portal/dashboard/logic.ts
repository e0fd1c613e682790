/**
 * The Head's dashboard (issue 13) without the DOM: the report's query from the address,
 * the drill-down from a region to its districts by KATO code, and the rows each chart
 * and its table show.
 */
import type { Report } from '../../api/types.js';

/** The filters the dashboard keeps in the address (and sends to /api/v1/reports/…). */
export const PARAMS = ['from', 'to', 'organism', 'category', 'crop', 'object_type', 'kato'] as const;
export type Param = (typeof PARAMS)[number];
export type ReportParams = Partial<Record<Param, string>>;

export const CATEGORIES = ['quarantine', 'especially_dangerous', 'ordinary'] as const;

export function paramsFrom(query: URLSearchParams): ReportParams {
  const out: ReportParams = {};
  for (const k of PARAMS) {
    const v = query.get(k)?.trim();
    if (v) out[k] = v;
  }
  return out;
}

/** This season: 1 January of `today`'s year to `today` (what the server takes by default). */
export function season(today: Date): { from: string; to: string } {
  const to = today.toISOString().slice(0, 10);
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

/** The level a KATO filter stands at: the country (none), a region (`AA0000000`) or a district. */
export function level(kato: string | undefined): 'country' | 'region' | 'district' {
  if (!kato) return 'country';
  return /^\d{2}0{7}$/.test(kato) ? 'region' : 'district';
}

/** `AABB00000` → `AA0000000`. */
export function regionOf(kato: string): string {
  return `${kato.slice(0, 2)}0000000`;
}

/**
 * What the units chart and table show at a level: the regions of the country, the districts
 * of the region asked, or the one district. Rows with no KATO code (findings outside any
 * registered object) stay at the country level only.
 */
export function unitRows(report: Report, kato: string | undefined): Report['regions'] {
  const lvl = level(kato);
  if (lvl === 'country') return report.regions;
  if (lvl === 'region') return report.districts.filter((d) => d.region_kato === kato);
  // A district (or a unit inside one): the server has already kept only its subtree.
  return report.districts;
}

/** Where a unit row leads: a region to its districts; a district to itself (no deeper level). */
export function drillTo(row: { kato?: string | null }, kato: string | undefined): string | undefined {
  if (!row.kato) return undefined;
  return level(kato) === 'country' ? row.kato : undefined;
}

/** The breadcrumb of the drill-down: the country, then the region, then the district. */
export function crumbs(kato: string | undefined): Array<string | undefined> {
  const lvl = level(kato);
  if (lvl === 'country' || !kato) return [undefined];
  if (lvl === 'region') return [undefined, kato];
  return [undefined, regionOf(kato), kato];
}

/** Acts counted by type (rows) and status (columns), both in a fixed order. */
export const ACT_TYPES = ['quarantine-survey', 'crop-monitoring', 'sampling', 'prescription'] as const;
export const ACT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'signed', 'registered'] as const;

export function actsGrid(acts: Report['acts']): { types: string[]; statuses: string[]; count: (type: string, status: string) => number } {
  const types = [...ACT_TYPES, ...new Set(acts.map((a) => a.act_type).filter((x) => !(ACT_TYPES as readonly string[]).includes(x)))];
  const statuses = [...ACT_STATUSES, ...new Set(acts.map((a) => a.status).filter((x) => !(ACT_STATUSES as readonly string[]).includes(x)))];
  const seen = new Map(acts.map((a) => [`${a.act_type}\u0000${a.status}`, a.count]));
  return {
    types: types.filter((ty) => acts.some((a) => a.act_type === ty)),
    statuses: statuses.filter((st) => acts.some((a) => a.status === st)),
    count: (ty, st) => seen.get(`${ty}\u0000${st}`) ?? 0,
  };
}

/** Hectares as the tables show them: up to two decimals, grouped in the user's language. */
export function ha(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** The address of an export of the same report. */
export function exportHref(format: 'xlsx' | 'pdf', params: ReportParams): string {
  const q = new URLSearchParams();
  for (const k of PARAMS) if (params[k]) q.set(k, params[k] as string);
  const s = q.toString();
  return `/api/v1/reports/${format}${s ? `?${s}` : ''}`;
}
