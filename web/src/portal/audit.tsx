/** The audit journal (R-AUDIT-1, administrator): search, paging, export, chain check. */
import { useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { navigate } from '../app/router.js';
import { api, withQueryPublic } from './audit-query.js';
import { ErrorBox, Field, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';
import type { AuditEntryView, VerifyView } from '../api/types.js';


const KEYS = ['action', 'actor_id', 'target_id', 'from', 'to'] as const;

/** A `datetime-local` value (Almaty wall time is what people type; the browser's zone is used) as RFC 3339. */
export function toRfc3339(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export default function AuditPage({ query }: ScreenProps) {
  const filters: Record<string, string> = {};
  for (const k of KEYS) {
    const v = query.get(k);
    if (v) filters[k] = v;
  }
  const [form, setForm] = useState<Record<string, string>>(filters);
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before[before.length - 1];
  const apiQuery = { action: filters.action, actor_id: filters.actor_id, target_id: filters.target_id, from: toRfc3339(filters.from ?? ''), to: toRfc3339(filters.to ?? '') };
  const key = JSON.stringify(filters);
  const PAGE = 100;
  const list = useLoad((signal) => api.get<AuditEntryView[]>('/api/v1/audit', { query: { ...apiQuery, before_seq: cursor, limit: PAGE }, signal }), [key, cursor]);
  const verify = useAction();
  const [verdict, setVerdict] = useState<VerifyView | null>(null);
  const search = (e: Event) => {
    e.preventDefault();
    setBefore([]);
    navigate('/audit', form);
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-audit')}>
        <div class="actions">
          <a class="button" href={withQueryPublic('/api/v1/audit/export', apiQuery)} download="audit.jsonl">
            {t('portal-audit-export')}
          </a>
          <button
            type="button"
            disabled={verify.busy}
            onClick={() => void verify.run(async () => setVerdict(await api.get<VerifyView>('/api/v1/audit/verify')))}
          >
            {t('portal-audit-verify')}
          </button>
        </div>
      </PageTitle>
      {verdict ? (
        <p role="status" class={verdict.intact ? 'ok' : 'error'}>
          {verdict.intact ? t('portal-audit-intact', { count: verdict.entries }) : t('portal-audit-broken')}
        </p>
      ) : null}
      <ErrorBox error={verify.error} />
      <form class="filters card" onSubmit={search} aria-label={t('portal-audit-search')}>
        <Field label={t('portal-audit-action')} id="au-action">
          <input id="au-action" value={form.action ?? ''} placeholder="auth.login" onInput={(e) => setForm({ ...form, action: e.currentTarget.value })} />
        </Field>
        <Field label={t('portal-audit-actor')} id="au-actor">
          <input id="au-actor" value={form.actor_id ?? ''} onInput={(e) => setForm({ ...form, actor_id: e.currentTarget.value })} />
        </Field>
        <Field label={t('portal-audit-target')} id="au-target">
          <input id="au-target" value={form.target_id ?? ''} onInput={(e) => setForm({ ...form, target_id: e.currentTarget.value })} />
        </Field>
        <Field label={t('portal-audit-from')} id="au-from">
          <input id="au-from" type="datetime-local" value={form.from ?? ''} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
        </Field>
        <Field label={t('portal-audit-to')} id="au-to">
          <input id="au-to" type="datetime-local" value={form.to ?? ''} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
        </Field>
        <div class="field">
          <button type="submit" class="primary">
            {t('portal-search')}
          </button>
        </div>
      </form>
      <Loading loading={list.loading} />
      <ErrorBox error={list.error} />
      {list.data ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">{t('portal-audit-at')}</th>
                <th scope="col">{t('portal-audit-action')}</th>
                <th scope="col">{t('portal-audit-actor')}</th>
                <th scope="col">{t('portal-audit-target')}</th>
                <th scope="col">{t('portal-audit-outcome')}</th>
                <th scope="col">{t('portal-audit-ip')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{fmtTime(e.at)}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.actor_id ? e.actor_id.slice(0, 8) : '—'}
                    {e.actor_role ? ` (${t(`portal-role-${e.actor_role}`)})` : ''}
                  </td>
                  <td>{[e.target_type, e.target_id].filter(Boolean).join(' ')}</td>
                  <td>{e.outcome}</td>
                  <td>{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav class="pager" aria-label={t('portal-paging')}>
        <button type="button" disabled={before.length === 0} onClick={() => setBefore(before.slice(0, -1))}>
          {t('portal-prev-page')}
        </button>
        <button
          type="button"
          disabled={!list.data || list.data.length < PAGE}
          onClick={() => list.data && setBefore([...before, list.data[list.data.length - 1]?.seq ?? 0])}
        >
          {t('portal-next-page')}
        </button>
      </nav>
    </section>
  );
}
