/** The notification centre (R-NOTIF-1): newest first, mark read, live while open. */
import { fmtTime, t } from '../app/i18n-app.js';
import { latest, liveConnected, refreshUnread, unread } from '../app/live.js';
import type { NotificationView } from '../api/types.js';
import type { ScreenProps } from '../app/registry.js';
import { api } from '../app/session.js';
import { ErrorBox, Loading, PageTitle, useAction, useLoad } from '../app/ui.js';

const TARGET: Record<string, string> = { survey_task: '/tasks', survey: '/surveys', act: '/acts' };

/** Where a notification leads: the record it tells of (a privacy request filed: the administrators'
 * privacy screen; the answer to one: my data). */
export function targetHref(kind: string | null | undefined, id: string | null | undefined, notification?: string): string | undefined {
  if (kind === 'withdrawal' || kind === 'rectification') return notification?.endsWith('-filed') ? '#/admin/privacy' : '#/me';
  // The monthly report (issue 13): the dashboard, where its XLSX and PDF are.
  if (kind === 'report') return '#/dashboard';
  if (!kind || !id || !TARGET[kind]) return undefined;
  return `#${TARGET[kind]}/${id}`;
}

export default function Notifications(_props: ScreenProps) {
  const list = useLoad((signal) => api.get<NotificationView[]>('/api/v1/notifications', { query: { limit: 200 }, signal }), [latest.value?.id]);
  const mark = useAction();
  const read = (ids: string[]) =>
    void mark.run(async () => {
      for (const id of ids) await api.post(`/api/v1/notifications/${id}/read`);
      list.reload();
      await refreshUnread();
    });
  const unreadIds = (list.data ?? []).filter((n) => !n.read_at).map((n) => n.id);
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-notifications')}>
        <button type="button" disabled={unreadIds.length === 0 || mark.busy} onClick={() => read(unreadIds)}>
          {t('portal-notifications-mark-all')}
        </button>
      </PageTitle>
      <p class="muted" role="status" aria-live="polite">
        {t('portal-notifications-unread', { count: unread.value })}
        {liveConnected.value ? ` · ${t('portal-notifications-live')}` : ''}
      </p>
      <Loading loading={list.loading} />
      <ErrorBox error={list.error} />
      <ErrorBox error={mark.error} />
      {list.data && list.data.length === 0 ? <p>{t('portal-notifications-empty')}</p> : null}
      <ul class="plain">
        {(list.data ?? []).map((n) => (
          <li key={n.id} class={`card ${n.read_at ? '' : 'unread'}`}>
            <p>
              <NotificationText n={n} />
            </p>
            <p class="muted">
              {fmtTime(n.created_at)}
              {n.read_at ? '' : ' · '}
              {n.read_at ? null : (
                <button type="button" class="small" disabled={mark.busy} onClick={() => read([n.id])}>
                  {t('portal-notification-mark-read')}
                </button>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NotificationText({ n }: { n: NotificationView }) {
  const to = targetHref(n.target_kind, n.target_id, n.kind);
  return to ? <a href={to}>{n.message}</a> : <>{n.message}</>;
}
