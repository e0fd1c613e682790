/** Small building blocks every screen uses: loading state, error text, form fields. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { NcaLayerError } from '../esign/ncalayer.js';
import { ncaLayerMessage } from '../esign/messages.js';
import { ApiError } from './api.js';
import { lang, t } from './i18n-app.js';

/** What to tell the user about any failure: the server's translated title, or our own text. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.kind === 'problem' && error.title) return error.title;
    return t(error.kind === 'unreachable' ? 'api-unreachable' : 'api-bad-response');
  }
  if (error instanceof NcaLayerError) {
    const ref = ncaLayerMessage(error);
    return t(ref.id, ref.args);
  }
  return t('web-unexpected-error');
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `deps` (or the language) change; cancels the previous run. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const l = lang.value;
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, error: undefined, loading: false }),
      (error: unknown) => !ctl.signal.aborted && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, l]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { ...state, reload };
}

/** Runs an action (a button), keeping its busy state and error. */
export function useAction(): {
  busy: boolean;
  error: unknown;
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(undefined) };
}

export function ErrorBox({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  return (
    <p class="error" role="alert">
      {errorText(error)}
    </p>
  );
}

export function Loading({ loading }: { loading: boolean }) {
  if (!loading) return null;
  return (
    <p class="muted" role="status" aria-live="polite">
      {t('portal-loading')}
    </p>
  );
}

/** A labelled form control; the control is the child. */
export function Field({ label, id, children, hint }: { label: string; id: string; children: ComponentChildren; hint?: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint ? (
        <small id={`${id}-hint`} class="muted">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

/** Sets the document title and gives the page its one h1. */
export function PageTitle({ children, title }: { children?: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t('portal-app-name')}`;
  }, [title]);
  return (
    <div class="page-title">
      <h1 ref={ref} tabIndex={-1} id="page-title">
        {title}
      </h1>
      {children}
    </div>
  );
}

export function Status({ value, prefix }: { value: string; prefix: string }) {
  return <span class={`badge badge-${value}`}>{t(`${prefix}-${value}`)}</span>;
}
