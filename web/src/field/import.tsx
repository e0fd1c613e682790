/** The administrator's import of an outbox file a device exported (the last resort when an
 * app cannot sync): `POST /api/v1/sync/outbox-import`; the records apply as their user's. */
import { useState } from 'preact/hooks';
import { t } from '../app/i18n-app.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, PageTitle, useAction } from '../app/ui.js';
import type { PushAnswer, PushResult } from '../api/types.js';

export default function OutboxImport() {
  const [file, setFile] = useState<File | null>(null);
  const [results, setResults] = useState<PushResult[] | null>(null);
  const [invalid, setInvalid] = useState(false);
  const action = useAction();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!file) return;
    setInvalid(false);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setInvalid(true);
      return;
    }
    if (typeof body !== 'object' || body === null || (body as { format?: unknown }).format !== 'fito-outbox') {
      setInvalid(true);
      return;
    }
    await action.run(async () => {
      const answer = await api.post<PushAnswer>('/api/v1/sync/outbox-import', body);
      setResults(answer.results);
    });
  };
  return (
    <>
      <PageTitle title={t('field-import-title')} />
      <p>{t('field-import-hint')}</p>
      <form class="card" onSubmit={(e) => void submit(e)}>
        <Field label={t('field-import-file')} id="import-file">
          <input id="import-file" type="file" accept="application/json,.json" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        </Field>
        {invalid ? (
          <p class="error" role="alert">
            {t('field-import-invalid')}
          </p>
        ) : null}
        <ErrorBox error={action.error} />
        <button type="submit" class="primary" disabled={!file || action.busy}>
          {t('field-import-submit')}
        </button>
      </form>
      {results ? (
        <section class="card" aria-labelledby="import-results-h">
          <h2 id="import-results-h">{t('field-import-results', { count: results.length })}</h2>
          <ul>
            {results.map((r) => (
              <li key={r.id}>
                {t(`field-kind-${r.kind}`)} {r.id.slice(-8)}: {t(`field-result-${r.status}`)}
                {r.problem?.title ? ` — ${r.problem.title}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
