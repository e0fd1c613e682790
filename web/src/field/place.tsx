/** "Place object here" (R-OBJ-1, R-MOB-3): registers an object at the position read on the
 * button press (or placed by hand), offline if need be; it goes to the server as an
 * `object` record under the device's UUIDv7. */
import { useState } from 'preact/hooks';
import { localName, t } from '../app/i18n-app.js';
import { navigate } from '../app/router.js';
import { Field, PageTitle } from '../app/ui.js';
import { uuidv7 } from '../sync/uuid7.js';
import { anchor, refCode, useCached, useFieldObjects } from './data.js';
import type { Fix } from './geo.js';
import { Accuracy, PositionInput } from './position.js';
import { saveRecord } from './runtime.js';
import { FieldNav, SyncBar } from './ui.js';

export default function PlaceObject() {
  const types = useCached('reference', 'object_types');
  const objects = useFieldObjects();
  const [type, setType] = useState('');
  const [name, setName] = useState('');
  const [fix, setFix] = useState<Fix | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pointTypes = (types ?? []).filter((x) => x.data.geometry !== 'polygon' && x.data.active !== false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!type || !name.trim() || !fix) {
      setError(t('field-object-incomplete'));
      return;
    }
    const id = uuidv7();
    await saveRecord('object', { id, type, name: name.trim(), geometry: { type: 'Point', coordinates: [fix.lon, fix.lat] } }, { id });
    navigate('/field');
  };
  const features = (objects ?? [])
    .map((o) => ({ o, a: anchor(o.geometry) }))
    .filter((x) => x.a)
    .map((x) => ({ lon: x.a![0], lat: x.a![1], label: x.o.name, kind: 'object' as const }));
  if (fix) features.push({ lon: fix.lon, lat: fix.lat, label: name, kind: 'object' });

  return (
    <>
      <PageTitle title={t('field-place-object')} />
      <FieldNav />
      <SyncBar />
      <form class="card" onSubmit={(e) => void submit(e)}>
        <Field label={t('field-object-type')} id="obj-type">
          <select id="obj-type" value={type} onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">—</option>
            {pointTypes.map((x) => (
              <option key={x.id} value={refCode(x)}>
                {localName(x.data, refCode(x))}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('field-object-name')} id="obj-name">
          <input id="obj-name" value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </Field>
        <PositionInput label={t('field-place-here')} onFix={setFix} features={features} />
        {fix ? (
          <p role="status">
            {t('field-point-at', { lat: fix.lat.toFixed(6), lon: fix.lon.toFixed(6) })} · <Accuracy fix={fix} />
          </p>
        ) : null}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary">
          {t('field-object-save')}
        </button>
      </form>
    </>
  );
}
