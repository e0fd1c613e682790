/** Survey tasks (R-SURV-2): a Head assigns objects to inspectors with dates; inspectors see theirs. */
import { useEffect, useState } from 'preact/hooks';
import { fmtTime, t } from '../app/i18n-app.js';
import type { ScreenProps } from '../app/registry.js';
import { href, navigate } from '../app/router.js';
import { api, fullName, hasRole, user } from '../app/session.js';
import { ErrorBox, Field, Loading, PageTitle, Status, useAction, useLoad } from '../app/ui.js';
import { people } from './ref.js';
import type { Geometry } from './map/draw.js';
import type { Feature } from './objects.js';
import { ObjectPicker } from './task-objects.js';
import type { CheckView, ObjectWarning, TaskInput, TaskView, UserView } from '../api/types.js';


const BASES = ['plan', 'control_visit', 'complaint'] as const;
const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;

function usePeople(): UserView[] {
  const [list, setList] = useState<UserView[]>([]);
  useEffect(() => {
    if (hasRole('head', 'administrator')) void people().then(setList);
  }, []);
  return list;
}

function personName(list: UserView[], id: string): string {
  const p = list.find((x) => x.id === id);
  if (p) return fullName(p);
  return id === user.value?.id && user.value ? fullName(user.value) : id.slice(0, 8);
}

export function TasksList({ query }: ScreenProps) {
  const status = query.get('status') ?? '';
  const mine = user.value?.role === 'inspector';
  const list = useLoad((signal) => api.get<TaskView[]>('/api/v1/survey-tasks', { query: { status, mine: mine || undefined, limit: 200 }, signal }), [status]);
  const staff = usePeople();
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-tasks')}>
        {hasRole('head') ? (
          <a class="button primary" href="#/tasks/new">
            {t('portal-task-new')}
          </a>
        ) : null}
      </PageTitle>
      <form class="filters card" aria-label={t('portal-filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('portal-task-status')} id="t-status">
          <select id="t-status" value={status} onChange={(e) => navigate('/tasks', { status: e.currentTarget.value })}>
            <option value="">{t('portal-all')}</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`portal-task-status-${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </form>
      <Loading loading={list.loading} />
      <ErrorBox error={list.error} />
      {list.data && list.data.length === 0 ? <p>{t('portal-tasks-empty')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portal-task-due')}</th>
                <th scope="col">{t('portal-task-inspector')}</th>
                <th scope="col">{t('portal-task-basis')}</th>
                <th scope="col">{t('portal-task-objects')}</th>
                <th scope="col">{t('portal-task-status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((task) => (
                <tr key={task.id}>
                  <td>
                    <a href={`#/tasks/${task.id}`}>
                      {task.starts_on} – {task.due_on}
                    </a>
                  </td>
                  <td>{personName(staff, task.assignee_id)}</td>
                  <td>{t(`portal-task-basis-${task.basis}`)}</td>
                  <td>{task.object_ids.length}</td>
                  <td>
                    <Status prefix="portal-task-status" value={task.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function NewTask(_props: ScreenProps) {
  const staff = usePeople().filter((p) => p.role === 'inspector' && p.status === 'active');
  const [assignee, setAssignee] = useState('');
  const [basis, setBasis] = useState<string>('plan');
  const [starts, setStarts] = useState('');
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [area, setArea] = useState<Geometry | null>(null);
  const [warnings, setWarnings] = useState<ObjectWarning[] | null>(null);
  const save = useAction();
  const body = (confirm: boolean): TaskInput => ({
    assignee_id: assignee,
    basis,
    object_ids: chosen,
    area,
    starts_on: starts,
    due_on: due,
    note: note.trim() || null,
    confirm_warnings: confirm,
  });
  const submit = (e: Event) => {
    e.preventDefault();
    void save.run(async () => {
      if (warnings === null) {
        const checked = await api.post<CheckView>('/api/v1/survey-tasks/check', body(false));
        if (checked.warnings.length > 0) {
          setWarnings(checked.warnings);
          return;
        }
      }
      const task = await api.post<TaskView>('/api/v1/survey-tasks', body(warnings !== null && warnings.length > 0));
      navigate(`/tasks/${task.id}`);
    });
  };
  const choose = (ids: string[]) => {
    setWarnings(null);
    setChosen(ids);
  };
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-task-new')} />
      <form class="two-col" onSubmit={submit}>
        <div class="card">
          <Field label={t('portal-task-inspector')} id="t-assignee">
            <select id="t-assignee" required value={assignee} onChange={(e) => setAssignee(e.currentTarget.value)}>
              <option value="">—</option>
              {staff.map((p) => (
                <option key={p.id} value={p.id}>
                  {fullName(p)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('portal-task-basis')} id="t-basis">
            <select id="t-basis" value={basis} onChange={(e) => setBasis(e.currentTarget.value)}>
              {BASES.map((b) => (
                <option key={b} value={b}>
                  {t(`portal-task-basis-${b}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('portal-task-starts')} id="t-starts">
            <input id="t-starts" type="date" required value={starts} onInput={(e) => { setStarts(e.currentTarget.value); setWarnings(null); }} />
          </Field>
          <Field label={t('portal-task-due')} id="t-due">
            <input id="t-due" type="date" required value={due} onInput={(e) => { setDue(e.currentTarget.value); setWarnings(null); }} />
          </Field>
          <Field label={t('portal-task-note')} id="t-note">
            <textarea id="t-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </Field>
        </div>
        <div class="card">
          <ObjectPicker chosen={chosen} onChosen={choose} onArea={(g) => { setArea(g); setWarnings(null); }} />
          {warnings && warnings.length > 0 ? (
            <div role="alert" class="card">
              <p>{t('portal-task-warnings')}</p>
              <ul>
                {warnings.map((w, i) => (
                  <li key={i}>{w.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <ErrorBox error={save.error} />
          <button type="submit" class="primary" disabled={save.busy}>
            {warnings && warnings.length > 0 ? t('portal-task-confirm-warnings') : t('portal-task-assign')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function TaskPage({ params }: ScreenProps) {
  const id = params.id ?? '';
  const path = `/api/v1/survey-tasks/${encodeURIComponent(id)}`;
  const task = useLoad((signal) => api.get<TaskView>(path, { signal }), [path]);
  const staff = usePeople();
  const act = useAction();
  const tk = task.data;
  const step = (name: 'cancel' | 'done') =>
    void act.run(async () => {
      await api.post(`${path}/${name}`);
      task.reload();
    });
  return (
    <section aria-labelledby="page-title">
      <PageTitle title={t('portal-task')}>{tk ? <Status prefix="portal-task-status" value={tk.status} /> : null}</PageTitle>
      <Loading loading={task.loading} />
      <ErrorBox error={task.error} />
      <ErrorBox error={act.error} />
      {tk ? (
        <>
          <dl class="props card">
            <dt>{t('portal-task-inspector')}</dt>
            <dd>{personName(staff, tk.assignee_id)}</dd>
            <dt>{t('portal-task-basis')}</dt>
            <dd>{t(`portal-task-basis-${tk.basis}`)}</dd>
            <dt>{t('portal-task-starts')}</dt>
            <dd>{tk.starts_on}</dd>
            <dt>{t('portal-task-due')}</dt>
            <dd>{tk.due_on}</dd>
            <dt>{t('portal-task-note')}</dt>
            <dd>{tk.note ?? '—'}</dd>
            <dt>{t('portal-created')}</dt>
            <dd>{fmtTime(tk.created_at)}</dd>
          </dl>
          <h2>{t('portal-task-objects')}</h2>
          <TaskObjects ids={tk.object_ids} />
          <p>
            <a href={href('/surveys', { task_id: tk.id })}>{t('portal-surveys')}</a>
          </p>
          {tk.status === 'open' ? (
            <div class="actions">
              {hasRole('head') ? (
                <button type="button" class="danger" disabled={act.busy} onClick={() => step('cancel')}>
                  {t('portal-task-cancel')}
                </button>
              ) : null}
              {hasRole('inspector') && tk.assignee_id === user.value?.id ? (
                <button type="button" class="primary" disabled={act.busy} onClick={() => step('done')}>
                  {t('portal-task-done')}
                </button>
              ) : null}
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The task's objects by name (read one by one: a task lists a handful). */
function TaskObjects({ ids }: { ids: string[] }) {
  const names = useLoad(
    (signal) =>
      Promise.all(
        ids.slice(0, 100).map((id) =>
          api.get<Feature>(`/api/v1/objects/${encodeURIComponent(id)}`, { signal }).then(
            (f) => [id, f.properties.name] as const,
            () => [id, id.slice(0, 8)] as const,
          ),
        ),
      ),
    [ids.join(',')],
  );
  const byId = new Map(names.data ?? []);
  return (
    <ul>
      {ids.map((o) => (
        <li key={o}>
          <a href={`#/objects/${o}`}>{byId.get(o) ?? o.slice(0, 8)}</a>
        </li>
      ))}
    </ul>
  );
}
