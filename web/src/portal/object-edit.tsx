/**
 * Editing an object of the register (R-OBJ-1, R-GEO-1, issue 15): its attributes and its place,
 * drawn and edited on the map. Only what changed is sent, on the version the page was opened on
 * (someone else's change in between is refused by the server, and said so).
 */
import { useEffect, useState } from 'preact/hooks';
import type { components } from '../api/schema.js';
import { localName, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { navigate } from '../app/router.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';
import { GeometryEditor, type Geometry, type Kind } from './map/draw.js';
import { keyOf } from './ref.js';
import { useReference, type Feature, type ObjectProps } from './objects.js';

type ObjectChange = components['schemas']['ObjectChange'];
type Form = { name: string; type: string; kato: string; crop: string; notes: string };

const formOf = (p: ObjectProps): Form => ({ name: p.name, type: p.type, kato: p.kato ?? '', crop: p.crop ?? '', notes: p.notes ?? '' });

/** The PATCH body: the version, and only the fields that differ from the object as loaded. */
export function objectChange(p: ObjectProps, form: Form, geometry: Geometry | null, original: Feature['geometry']): ObjectChange {
  const was = formOf(p);
  const body: ObjectChange = { version: p.version };
  if (form.name.trim() !== was.name) body.name = form.name.trim();
  if (form.type !== was.type) body.type = form.type;
  if (form.kato !== was.kato) body.kato = form.kato;
  if (form.crop !== was.crop) body.crop = form.crop;
  if (form.notes.trim() !== was.notes) body.notes = form.notes.trim();
  if (geometry && JSON.stringify(geometry) !== JSON.stringify(original)) body.geometry = geometry;
  return body;
}

function Editor({ f }: { f: Feature }) {
  const types = useReference('object-types');
  const crops = useReference('crops');
  const units = useReference('admin-units');
  const [form, setForm] = useState<Form>(formOf(f.properties));
  const [geometry, setGeometry] = useState<Geometry | null>((f.geometry as Geometry | null) ?? null);
  const save = useAction();
  const set = (k: keyof Form) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const kind = types.find((x) => x.code === form.type)?.geometry;
  const kinds: Kind[] = kind === 'point' ? ['point'] : kind === 'polygon' ? ['polygon'] : ['point', 'polygon'];
  const body = objectChange(f.properties, form, geometry, f.geometry);
  const unchanged = Object.keys(body).length === 1;
  const submit = (e: Event) => {
    e.preventDefault();
    void save.run(async () => {
      await api.patch(`/api/v1/objects/${encodeURIComponent(f.id)}`, body);
      navigate(`/objects/${f.id}`);
    });
  };
  return (
    <form onSubmit={submit} class="two-col">
      <div class="card">
        <Field label={t('portal-object-type')} id="oe-type">
          <select id="oe-type" required value={form.type} onChange={set('type')}>
            {types
              .filter((x) => x.active !== false || x.code === f.properties.type)
              .map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, x.code)}
                </option>
              ))}
          </select>
        </Field>
        <Field label={t('portal-object-name')} id="oe-name">
          <input id="oe-name" required value={form.name} onInput={set('name')} />
        </Field>
        <Field label={t('portal-object-unit')} id="oe-kato">
          <select id="oe-kato" value={form.kato} onChange={set('kato')}>
            <option value="">—</option>
            {units.map((u) => (
              <option key={keyOf('admin-units', u)} value={keyOf('admin-units', u)}>
                {localName(u)} ({u.kato})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('portal-object-crop')} id="oe-crop">
          <select id="oe-crop" value={form.crop} onChange={set('crop')}>
            <option value="">—</option>
            {crops
              .filter((x) => x.active !== false || x.code === f.properties.crop)
              .map((x) => (
                <option key={x.code} value={x.code}>
                  {localName(x, x.code)}
                </option>
              ))}
          </select>
        </Field>
        <Field label={t('portal-object-notes')} id="oe-notes">
          <textarea id="oe-notes" rows={3} value={form.notes} onInput={set('notes')} />
        </Field>
      </div>
      <div>
        <GeometryEditor initial={(f.geometry as Geometry | null) ?? null} kinds={kinds} onChange={setGeometry} />
        <ErrorBox error={save.error} />
        <div class="actions">
          <button type="submit" class="primary" disabled={save.busy || unchanged}>
            {t('portal-save')}
          </button>
          <a class="button" href={`#/objects/${f.id}`}>
            {t('portal-cancel')}
          </a>
        </div>
      </div>
    </form>
  );
}

export default function ObjectEdit({ params }: ScreenProps) {
  const id = params.id ?? '';
  const obj = useLoad((signal) => api.get<Feature>(`/api/v1/objects/${encodeURIComponent(id)}`, { signal }), [id]);
  const [key, setKey] = useState(0);
  useEffect(() => setKey((k) => k + 1), [obj.data?.properties.version]);
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={obj.data ? t('portal-object-edit-title', { name: obj.data.properties.name }) : t('portal-object')} />
      <Loading loading={obj.loading} />
      <ErrorBox error={obj.error} />
      {obj.data ? <Editor key={key} f={obj.data} /> : null}
    </section>
  );
}
