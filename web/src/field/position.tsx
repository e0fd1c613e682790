/**
 * "Record point" / "place object here" (R-MOB-3): the position is read once, when the
 * button is pressed, and its accuracy shown. If the browser refuses or has no fix, the user
 * places the point by hand: a tap on the map or typed coordinates.
 */
import { useState } from 'preact/hooks';
import { t } from '../app/i18n-app.js';
import { Field } from '../app/ui.js';
import { FixError, parseCoordinates, readPosition, type Fix } from './geo.js';
import { FieldMap, type MapFeature } from './map.js';

export function PositionInput({ label, onFix, features }: { label: string; onFix: (fix: Fix) => void | Promise<void>; features: MapFeature[] }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [manual, setManual] = useState(false);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState(false);

  const read = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      await onFix(await readPosition());
    } catch (e) {
      const reason = e instanceof FixError ? e.reason : 'unavailable';
      setFailure(t(`field-position-${reason}`));
      setManual(true);
    } finally {
      setBusy(false);
    }
  };

  const handFix = (lon: number, lat: number): void => {
    void onFix({ lat, lon, accuracy_m: null, fixed_at: new Date().toISOString() });
  };

  return (
    <div class="position-input">
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void read()}>
          {busy ? t('field-position-reading') : label}
        </button>
        <button type="button" aria-expanded={manual} onClick={() => setManual(!manual)}>
          {t('field-position-by-hand')}
        </button>
      </div>
      {failure ? (
        <p class="error" role="alert">
          {failure}
        </p>
      ) : null}
      {manual ? (
        <div class="card">
          <p class="muted">{t('field-position-tap-map')}</p>
          <FieldMap features={features} onPick={handFix} />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const c = parseCoordinates(typed);
              setTypedError(!c);
              if (c) handFix(c.lon, c.lat);
            }}
          >
            <Field label={t('field-position-typed')} id="typed-coords" hint={t('field-position-typed-hint')}>
              <input
                id="typed-coords"
                inputMode="decimal"
                value={typed}
                aria-invalid={typedError}
                aria-describedby="typed-coords-hint"
                onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
              />
            </Field>
            {typedError ? (
              <p class="error" role="alert">
                {t('field-position-typed-invalid')}
              </p>
            ) : null}
            <button type="submit">{t('field-position-use-typed')}</button>
          </form>
        </div>
      ) : null}
    </div>
  );
}

export function Accuracy({ fix }: { fix: { accuracy_m?: number | null } }) {
  return fix.accuracy_m == null ? <span class="muted">{t('field-accuracy-by-hand')}</span> : <span>{t('field-accuracy', { metres: fix.accuracy_m })}</span>;
}
