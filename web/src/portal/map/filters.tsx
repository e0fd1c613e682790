/** The map's filters (issue 16): layers shown, and type, status, organism, period, category. */
import { t } from '../../app/i18n-app.js';
import { navigate } from '../../app/router.js';
import { hasRole } from '../../app/session.js';
import { Field } from '../../app/ui.js';
import { RefSelect, useReference } from '../objects.js';
import { REGIONS } from './regions.js';
import { LAYERS, shown, type Layer, type MapFilters } from './tiles.js';

const CATEGORIES = ['quarantine', 'especially_dangerous', 'ordinary'] as const;
const ZONE_STATUSES = ['proposed', 'established', 'lifted', 'withdrawn'] as const;

export function MapFilterForm({ filters }: { filters: MapFilters }) {
  const types = useReference('object-types');
  const organisms = useReference('organisms');
  const set = (k: keyof MapFilters, v: string) => navigate('/map', { ...filters, [k]: v || undefined });
  const toggle = (layer: Layer | typeof REGIONS, on: boolean) => {
    const hidden = new Set((filters.hide ?? '').split(',').filter(Boolean));
    if (on) hidden.delete(layer);
    else hidden.add(layer);
    set('hide', [...hidden].sort().join(','));
  };
  const select = (id: string, key: keyof MapFilters, label: string, values: readonly string[], name: (v: string) => string, all: string) => (
    <Field label={label} id={id}>
      <select id={id} value={filters[key] ?? ''} onChange={(e) => set(key, e.currentTarget.value)}>
        <option value="">{all}</option>
        {values.map((v) => (
          <option value={v} key={v}>
            {name(v)}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <form class="filters card" aria-label={t('portal-filters')} onSubmit={(e) => e.preventDefault()}>
      <fieldset class="field">
        <legend>{t('portal-map-layers')}</legend>
        {LAYERS.map((layer) => (
          <label key={layer}>
            <input type="checkbox" data-layer={layer} checked={shown(filters, layer)} onChange={(e) => toggle(layer, e.currentTarget.checked)} /> {t(`portal-map-layer-${layer}`)}
          </label>
        ))}
        {hasRole('head', 'administrator') ? (
          <label>
            <input type="checkbox" data-layer={REGIONS} checked={shown(filters, REGIONS)} onChange={(e) => toggle(REGIONS, e.currentTarget.checked)} /> {t('portal-map-regions')}
          </label>
        ) : null}
      </fieldset>
      <RefSelect list="object-types" id="f-type" label={t('portal-object-type')} value={filters.type ?? ''} onChange={(v) => set('type', v)} entries={types} />
      {select('f-status', 'status', t('portal-object-status'), ['archived'], () => t('portal-object-status-archived'), t('portal-object-status-active'))}
      <RefSelect list="organisms" id="f-organism" label={t('portal-object-organism')} value={filters.organism ?? ''} onChange={(v) => set('organism', v)} entries={organisms} />
      {select('f-category', 'category', t('portal-map-category'), CATEGORIES, (v) => t(`portal-map-category-${v}`), t('portal-all'))}
      {select('f-zone-status', 'zone_status', t('portal-map-zone-status'), ZONE_STATUSES, (v) => t(`portal-map-zone-${v}`), t('portal-all'))}
      <Field label={t('portal-map-from')} id="f-from">
        <input id="f-from" type="date" value={filters.from ?? ''} onChange={(e) => set('from', e.currentTarget.value)} />
      </Field>
      <Field label={t('portal-map-to')} id="f-to">
        <input id="f-to" type="date" value={filters.to ?? ''} onChange={(e) => set('to', e.currentTarget.value)} />
      </Field>
      <div class="field">
        <button type="button" onClick={() => navigate('/map')}>
          {t('portal-reset')}
        </button>
      </div>
    </form>
  );
}
