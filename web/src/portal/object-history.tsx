/**
 * An object's version history as a readable diff (issue 15, R-OBJ-1): for each version, who made
 * it and when, why (archive, restore), and what changed from the version before — each field with
 * its old and new value, names from the reference lists, and the place as "moved" with its area.
 */
import { fmtTime, t } from '../app/i18n-app.js';
import type { VersionView } from '../api/types.js';
import { refName, useReference, type ObjectProps } from './objects.js';

export interface FieldChange {
  field: 'name' | 'type' | 'status' | 'kato' | 'crop' | 'notes' | 'owner' | 'geometry';
  from: string;
  to: string;
}

type Snapshot = { geometry?: { type: string; coordinates: unknown } | null; properties?: Partial<ObjectProps> } | null;

const ownerText = (o: ObjectProps['owner'] | undefined): string => (o ? [o.name, o.bin ?? o.iin].filter(Boolean).join(', ') : '');
const geomText = (s: Snapshot): string => {
  const g = s?.geometry;
  if (!g) return '';
  const area = s?.properties?.area_ha;
  return g.type === 'Polygon' && area ? `${g.type}, ${area.toFixed(2)} ha` : g.type;
};

/** What changed between two snapshots of an object (the first version: everything it was made with). */
export function diffVersions(before: Snapshot, after: Snapshot): FieldChange[] {
  const a = before?.properties ?? {};
  const b = after?.properties ?? {};
  const out: FieldChange[] = [];
  const put = (field: FieldChange['field'], from: string, to: string) => {
    if (from !== to) out.push({ field, from, to });
  };
  put('name', a.name ?? '', b.name ?? '');
  put('type', a.type ?? '', b.type ?? '');
  put('status', a.status ?? '', b.status ?? '');
  put('kato', a.kato ?? '', b.kato ?? '');
  put('crop', a.crop ?? '', b.crop ?? '');
  put('notes', a.notes ?? '', b.notes ?? '');
  put('owner', ownerText(a.owner), ownerText(b.owner));
  const ga = JSON.stringify(before?.geometry ?? null);
  const gb = JSON.stringify(after?.geometry ?? null);
  if (ga !== gb) out.push({ field: 'geometry', from: before ? geomText(before) : '', to: geomText(after) });
  return out;
}

export function History({ versions }: { versions: VersionView[] }) {
  const types = useReference('object-types');
  const crops = useReference('crops');
  const units = useReference('admin-units');
  const shown = (c: FieldChange, v: string): string => {
    if (!v) return '—';
    if (c.field === 'type') return refName(types, 'object-types', v);
    if (c.field === 'crop') return refName(crops, 'crops', v);
    if (c.field === 'kato') return `${refName(units, 'admin-units', v)} (${v})`;
    if (c.field === 'status') return t(`portal-object-status-${v}`);
    return v;
  };
  const rows = versions.map((v, i) => ({ v, changes: diffVersions(i > 0 ? ((versions[i - 1]?.object as Snapshot) ?? null) : null, v.object as Snapshot) }));
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('portal-object-version')}</th>
            <th scope="col">{t('portal-history-change')}</th>
            <th scope="col">{t('portal-history-who')}</th>
            <th scope="col">{t('portal-history-when')}</th>
            <th scope="col">{t('portal-history-what')}</th>
          </tr>
        </thead>
        <tbody>
          {rows
            .slice()
            .reverse()
            .map(({ v, changes }) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>
                  {t(`portal-change-${v.change}`)}
                  {v.reason ? <div class="muted">{t('portal-history-reason', { reason: v.reason })}</div> : null}
                </td>
                <td>{v.changed_by_name ?? '—'}</td>
                <td>{fmtTime(v.changed_at)}</td>
                <td>
                  <ul class="diff">
                    {changes.map((c) => (
                      <li key={c.field}>
                        <strong>{t(`portal-history-field-${c.field}`)}:</strong> {v.version > 1 ? <del>{shown(c, c.from)}</del> : null}
                        {v.version > 1 ? ' → ' : ''}
                        <ins>{shown(c, c.to)}</ins>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
