/** An act draft from a survey, made offline (R-ACT-1, R-MOB-1): it waits in the outbox as an
 * `act_draft` record and leaves the device once the server has it (R-MOB-4). */
import { useState } from 'preact/hooks';
import type { ScreenProps } from '../app/registry.js';
import { t } from '../app/i18n-app.js';
import { navigate } from '../app/router.js';
import { Field, PageTitle } from '../app/ui.js';
import { uuidv7 } from '../sync/uuid7.js';
import { saveRecord } from './runtime.js';
import { FieldNav, SyncBar } from './ui.js';

const TYPES = ['quarantine-survey', 'crop-monitoring', 'sampling', 'prescription'];
const LANGUAGES = ['kk', 'ru', 'kk-ru'];

export default function ActDraft({ params }: ScreenProps) {
  const surveyId = params.surveyId ?? '';
  const [actType, setActType] = useState(TYPES[0]!);
  const [language, setLanguage] = useState('kk');
  const [location, setLocation] = useState('');
  const [conclusions, setConclusions] = useState('');
  const [measures, setMeasures] = useState('');
  const [saved, setSaved] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const data: Record<string, unknown> = {
      survey_id: surveyId,
      act_type: actType,
      language,
      location: location.trim(),
      conclusions: conclusions.trim(),
      measures: measures
        .split('\n')
        .map((m) => m.trim())
        .filter(Boolean)
        .map((text) => ({ text })),
    };
    await saveRecord('act_draft', data, { id: uuidv7() });
    setSaved(true);
  };

  return (
    <>
      <PageTitle title={t('field-act-title')} />
      <FieldNav />
      <SyncBar />
      {saved ? (
        <div class="card" role="status">
          <p>{t('field-act-saved')}</p>
          <button type="button" class="primary" onClick={() => navigate('/field')}>
            {t('field-day-title')}
          </button>
        </div>
      ) : (
        <form class="card" onSubmit={(e) => void submit(e)}>
          <Field label={t('field-act-type')} id="act-type">
            <select id="act-type" value={actType} onChange={(e) => setActType((e.currentTarget as HTMLSelectElement).value)}>
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`field-act-type-${x}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('field-act-language')} id="act-lang">
            <select id="act-lang" value={language} onChange={(e) => setLanguage((e.currentTarget as HTMLSelectElement).value)}>
              {LANGUAGES.map((x) => (
                <option key={x} value={x}>
                  {t(`field-act-language-${x}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('field-act-location')} id="act-location">
            <input id="act-location" value={location} onInput={(e) => setLocation((e.currentTarget as HTMLInputElement).value)} />
          </Field>
          <Field label={t('field-act-conclusions')} id="act-conclusions">
            <textarea id="act-conclusions" rows={4} value={conclusions} onInput={(e) => setConclusions((e.currentTarget as HTMLTextAreaElement).value)} />
          </Field>
          <Field label={t('field-act-measures')} id="act-measures" hint={t('field-act-measures-hint')}>
            <textarea id="act-measures" rows={3} aria-describedby="act-measures-hint" value={measures} onInput={(e) => setMeasures((e.currentTarget as HTMLTextAreaElement).value)} />
          </Field>
          <button type="submit" class="primary">
            {t('field-act-save')}
          </button>
        </form>
      )}
    </>
  );
}
