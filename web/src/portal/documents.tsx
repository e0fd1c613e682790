/** Documents attached to an object, survey or act (R-DOC-1): list, download, upload. */
import { useRef, useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import { api } from '../app/session.js';
import { ErrorBox, Field, Loading, useAction, useLoad } from '../app/ui.js';
import { isImageFile } from './files.js';
import type { DocumentView } from '../api/types.js';

export type { DocumentView };

export function Documents({ owner, id, canAttach }: { owner: 'objects' | 'surveys' | 'acts'; id: string; canAttach: boolean }) {
  const base = `/api/v1/${owner}/${encodeURIComponent(id)}/documents`;
  const list = useLoad((signal) => api.get<DocumentView[]>(base, { signal }), [base]);
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState(false);
  const upload = useAction();
  const send = (e: Event) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    void upload.run(async () => {
      setRefused(false);
      if (await isImageFile(file)) {
        setRefused(true);
        return;
      }
      await api.send('POST', base, 'application/json', {
        query: { name: file.name },
        body: file,
        headers: { 'Content-Type': 'application/octet-stream' },
      });
      if (input.current) input.current.value = '';
      list.reload();
    });
  };
  return (
    <section aria-labelledby={`docs-${id}`}>
      <h2 id={`docs-${id}`}>{t('portal-documents')}</h2>
      <Loading loading={list.loading} />
      <ErrorBox error={list.error} />
      {list.data && list.data.length === 0 ? <p class="muted">{t('portal-documents-none')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ul>
          {list.data.map((d) => (
            <li key={d.id}>
              <a href={`/api/v1/documents/${d.id}`} download={d.file_name}>
                {d.file_name}
              </a>{' '}
              <span class="muted">
                ({Math.ceil(d.size / 1024)} KB, {fmtTime(d.created_at)})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canAttach ? (
        <form onSubmit={send} class="card">
          <Field label={t('portal-document-file')} id={`file-${id}`} hint={t('portal-document-hint')}>
            <input
              id={`file-${id}`}
              type="file"
              ref={input}
              aria-describedby={`file-${id}-hint`}
              accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.csv,application/pdf,text/csv"
            />
          </Field>
          {refused ? (
            <p class="error" role="alert">
              {t('portal-document-image-refused')}
            </p>
          ) : null}
          <ErrorBox error={upload.error} />
          <button type="submit" disabled={upload.busy}>
            {t('portal-document-upload')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
