/**
 * Recording a survey on site (R-SURV-1, R-MOB-1, R-MOB-3): GPS points read on the button
 * press (or placed by hand), findings per point, then "finish" hands the survey to the
 * outbox. Until then it is kept on the device as a draft, so a closed app loses nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../app/registry.js';
import { localName, t } from '../app/i18n-app.js';
import { href, navigate } from '../app/router.js';
import { Field, PageTitle } from '../app/ui.js';
import { anchor, refCode, useCached, useFieldObjects } from './data.js';
import type { FindingInput } from '../api/types.js';
import type { Fix } from './geo.js';
import { Accuracy, PositionInput } from './position.js';
import { draft, dropDraft, finishDraft, putDraft } from './runtime.js';
import { FieldNav, SyncBar } from './ui.js';
import { establishedZonesAt, toFieldZone } from './zones.js';

type Finding = FindingInput;
/** A point being recorded: the fix, and its findings (sent as a `PointInput`). */
interface Point extends Fix {
  findings: Finding[];
}

const INTENSITY = ['per_square_metre', 'per_plant', 'per_trap', 'prevalence_percent', 'cover_percent'];
const CATEGORIES = ['quarantine', 'especially_dangerous', 'ordinary'];

export default function Survey({ params }: ScreenProps) {
  const id = params.id ?? '';
  const [data, setData] = useState<Record<string, unknown> | null | undefined>(undefined);
  const objects = useFieldObjects();
  const crops = useCached('reference', 'crops');
  const zones = (useCached('zone') ?? []).map(toFieldZone);

  useEffect(() => {
    void draft(id).then((d) => setData(d ? d.data : null), () => setData(null));
  }, [id]);

  if (data === undefined) return <PageTitle title={t('field-survey-title')} />;
  if (data === null) {
    return (
      <>
        <PageTitle title={t('field-survey-title')} />
        <FieldNav />
        <p>{t('field-survey-finished')}</p>
        <a class="button primary" href={href(`/field/act/${id}`)}>{t('field-make-act')}</a>
      </>
    );
  }

  const points = (data.points as Point[]) ?? [];
  const object = objects?.find((o) => o.id === data.object_id);
  const update = async (next: Record<string, unknown>): Promise<void> => {
    setData(next);
    await putDraft(id, next);
  };
  const addPoint = async (fix: Fix): Promise<void> => {
    await update({ ...data, points: [...points, { ...fix, findings: [] }] });
  };
  const setPoint = (i: number, p: Point): Promise<void> => update({ ...data, points: points.map((x, j) => (j === i ? p : x)) });
  const removePoint = (i: number): Promise<void> => update({ ...data, points: points.filter((_, j) => j !== i) });
  const finish = async (): Promise<void> => {
    const out: Record<string, unknown> = { ...data };
    if (!out.object_id && points[0]) out.place = { type: 'Point', coordinates: [points[0].lon, points[0].lat] };
    await putDraft(id, out);
    await finishDraft(id);
    setData(null);
  };

  const features = [
    ...(objects ?? []).map((o) => ({ o, a: anchor(o.geometry) })).filter((x) => x.a).map((x) => ({ lon: x.a![0], lat: x.a![1], label: x.o.name, kind: 'object' as const })),
    ...points.map((p, i) => ({ lon: p.lon, lat: p.lat, label: String(i + 1), kind: 'point' as const })),
  ];

  return (
    <>
      <PageTitle title={t('field-survey-title')} />
      <FieldNav />
      <SyncBar />
      <section class="card">
        <p>
          <strong>{object ? object.name : t('field-adhoc-place')}</strong>
        </p>
        <Field label={t('field-crop')} id="survey-crop">
          <select id="survey-crop" value={String(data.crop ?? '')} onChange={(e) => void update({ ...data, crop: (e.currentTarget as HTMLSelectElement).value || undefined })}>
            <option value="">—</option>
            {(crops ?? []).filter((c) => c.data.active !== false).map((c) => (
              <option key={c.id} value={refCode(c)}>
                {localName(c.data, refCode(c))}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('field-growth-phase')} id="survey-phase">
          <input id="survey-phase" value={String(data.growth_phase ?? '')} onChange={(e) => void update({ ...data, growth_phase: (e.currentTarget as HTMLInputElement).value || undefined })} />
        </Field>
      </section>
      <section class="card" aria-labelledby="points-h">
        <h2 id="points-h">{t('field-points')}</h2>
        <PositionInput label={t('field-record-point')} onFix={addPoint} features={features} />
        {points.length === 0 ? <p class="muted">{t('field-no-points')}</p> : null}
        <ol class="points">
          {points.map((p, i) => (
            <li key={`${p.fixed_at}-${i}`} class="point">
              <p>
                {t('field-point-at', { lat: p.lat.toFixed(6), lon: p.lon.toFixed(6) })} · <Accuracy fix={p} />
              </p>
              <ZoneWarning names={establishedZonesAt(zones, p.lon, p.lat).map((z) => z.name)} />
              <ul>
                {p.findings.map((f, k) => (
                  <li key={k}>
                    {f.organism}
                    {f.intensity ? ` · ${t(`field-intensity-${f.intensity.kind}`)}: ${f.intensity.value}` : ''}
                    {samplesOf(data, seqOf(points, i, k)).map((x) => ` · ${t('field-sample')} ${x.number}`)}{' '}
                    <SampleForm
                      id={`s${i}-${k}`}
                      onAdd={(x) => void update({ ...data, pending_samples: [...pendingSamples(data), { ...x, finding_seq: seqOf(points, i, k), lat: p.lat, lon: p.lon }] })}
                    />
                    <button type="button" class="danger" onClick={() => void setPoint(i, { ...p, findings: p.findings.filter((_, m) => m !== k) })}>
                      {t('field-remove')}
                    </button>
                  </li>
                ))}
              </ul>
              <FindingForm index={i} onAdd={(f) => void setPoint(i, { ...p, findings: [...p.findings, f] })} />
              <button type="button" class="danger" onClick={() => void removePoint(i)}>
                {t('field-remove-point', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ol>
      </section>
      <div class="actions">
        <button type="button" class="primary" disabled={points.length === 0} onClick={() => void finish()}>
          {t('field-finish-survey')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            if (confirm(t('field-discard-survey-confirm'))) void dropDraft(id).then(() => navigate('/field'));
          }}
        >
          {t('field-discard-survey')}
        </button>
      </div>
    </>
  );
}

/** A sample taken offline, kept with the draft until the survey is finished. */
export interface PendingSample {
  number: string;
  what: string;
  quantity: number;
  unit: string;
  finding_seq: number;
  lat: number;
  lon: number;
  taken_at: string;
}

function pendingSamples(data: Record<string, unknown>): PendingSample[] {
  return Array.isArray(data.pending_samples) ? (data.pending_samples as PendingSample[]) : [];
}

function samplesOf(data: Record<string, unknown>, seq: number): PendingSample[] {
  return pendingSamples(data).filter((x) => x.finding_seq === seq);
}

/** A finding's number in the survey: its place among all findings of all points, from 1. */
function seqOf(points: Point[], point: number, finding: number): number {
  return points.slice(0, point).reduce((n, p) => n + p.findings.length, 0) + finding + 1;
}

function ZoneWarning({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <p class="warning" role="alert" data-testid="zone-warning">
      {t('field-zone-warning', { names: names.join(', ') })}
    </p>
  );
}

function SampleForm({ id, onAdd }: { id: string; onAdd: (s: Omit<PendingSample, 'finding_seq' | 'lat' | 'lon'>) => void }) {
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState('');
  const [what, setWhat] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('');
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('field-take-sample')}
      </button>
    );
  }
  const submit = (e: Event): void => {
    e.preventDefault();
    const q = Number(quantity.replace(',', '.'));
    if (!number.trim() || !what.trim() || !unit.trim() || !(q > 0)) return;
    onAdd({ number: number.trim(), what: what.trim(), quantity: q, unit: unit.trim(), taken_at: new Date().toISOString() });
    setOpen(false);
    setNumber('');
  };
  return (
    <form class="card" onSubmit={submit}>
      <Field label={t('field-sample-number')} id={`${id}-no`}>
        <input id={`${id}-no`} required value={number} onInput={(e) => setNumber((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <Field label={t('field-sample-what')} id={`${id}-what`}>
        <input id={`${id}-what`} required value={what} onInput={(e) => setWhat((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <Field label={t('field-sample-quantity')} id={`${id}-q`}>
        <input id={`${id}-q`} inputMode="decimal" required value={quantity} onInput={(e) => setQuantity((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <Field label={t('field-sample-unit')} id={`${id}-unit`}>
        <input id={`${id}-unit`} required value={unit} onInput={(e) => setUnit((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <div class="actions">
        <button type="submit" class="primary">{t('field-save-sample')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('field-cancel')}</button>
      </div>
    </form>
  );
}

function FindingForm({ index, onAdd }: { index: number; onAdd: (f: Finding) => void }) {
  const organisms = useCached('reference', 'organisms');
  const [open, setOpen] = useState(false);
  const [organism, setOrganism] = useState('');
  const [category, setCategory] = useState('');
  const [stage, setStage] = useState('');
  const [kind, setKind] = useState('');
  const [value, setValue] = useState('');
  const [surveyed, setSurveyed] = useState('');
  const [infested, setInfested] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const p = `f${index}`;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('field-add-finding')}
      </button>
    );
  }
  const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));
  const submit = (e: Event): void => {
    e.preventDefault();
    const code = organism.trim().split(/\s/)[0]?.toUpperCase() ?? '';
    const known = (organisms ?? []).some((o) => refCode(o) === code);
    if (!code || (organisms && organisms.length > 0 && !known)) {
      setError(t('field-organism-unknown'));
      return;
    }
    const f: Finding = { organism: code };
    if (category) f.category = category;
    if (stage.trim()) f.development_stage = stage.trim();
    const v = num(value);
    if (kind && v !== undefined && Number.isFinite(v)) f.intensity = { kind, value: v };
    const s = num(surveyed);
    if (s !== undefined && Number.isFinite(s)) f.area_surveyed_ha = s;
    const inf = num(infested);
    if (inf !== undefined && Number.isFinite(inf)) f.area_infested_ha = inf;
    if (notes.trim()) f.notes = notes.trim();
    onAdd(f);
    setOpen(false);
    setOrganism('');
    setValue('');
    setError(null);
  };
  return (
    <form class="card" onSubmit={submit}>
      <Field label={t('field-organism')} id={`${p}-org`} hint={t('field-organism-hint')}>
        <input id={`${p}-org`} list="organism-list" value={organism} aria-describedby={`${p}-org-hint`} onInput={(e) => setOrganism((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <datalist id="organism-list">
        {(organisms ?? []).filter((o) => o.data.active !== false).map((o) => (
          <option key={o.id} value={refCode(o)}>
            {localName(o.data, refCode(o))}
          </option>
        ))}
      </datalist>
      <Field label={t('field-category')} id={`${p}-cat`}>
        <select id={`${p}-cat`} value={category} onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('field-category-from-list')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`field-category-${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('field-development-stage')} id={`${p}-stage`}>
        <input id={`${p}-stage`} value={stage} onInput={(e) => setStage((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <Field label={t('field-intensity-kind')} id={`${p}-kind`}>
        <select id={`${p}-kind`} value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">—</option>
          {INTENSITY.map((k) => (
            <option key={k} value={k}>
              {t(`field-intensity-${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('field-intensity-value')} id={`${p}-val`}>
        <input id={`${p}-val`} inputMode="decimal" value={value} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <Field label={t('field-area-surveyed')} id={`${p}-as`}>
        <input id={`${p}-as`} inputMode="decimal" value={surveyed} onInput={(e) => setSurveyed((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <Field label={t('field-area-infested')} id={`${p}-ai`}>
        <input id={`${p}-ai`} inputMode="decimal" value={infested} onInput={(e) => setInfested((e.currentTarget as HTMLInputElement).value)} />
      </Field>
      <Field label={t('field-notes')} id={`${p}-notes`}>
        <textarea id={`${p}-notes`} value={notes} onInput={(e) => setNotes((e.currentTarget as HTMLTextAreaElement).value)} />
      </Field>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary">{t('field-save-finding')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('field-cancel')}</button>
      </div>
    </form>
  );
}
