/**
 * The app shell: skip link, header (name, menu by role, language, notifications, user),
 * the current screen in <main>, footer with the privacy policy. It decides what comes
 * first: sign-in, a new password, the policy consent, then the screen asked for.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { LANGS, type Lang } from '../i18n.js';
import { lang, setLang, t } from './i18n-app.js';
import { unread, startLive, stopLive } from './live.js';
import { findScreen, mayOpen, navFor, warmFor, type Screen, type ScreenProps } from './registry.js';
import { href, location, match } from './router.js';
import { consentRequired, fullName, signOut, user } from './session.js';
import { ErrorBox, Loading, PageTitle } from './ui.js';

const loaded = new Map<Screen, ComponentType<ScreenProps>>();

/** Renders a screen, loading its module on first use. */
function LazyScreen({ screen, props }: { screen: Screen; props: ScreenProps }) {
  const [Comp, setComp] = useState<ComponentType<ScreenProps> | undefined>(() => loaded.get(screen));
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    const known = loaded.get(screen);
    if (known) {
      setComp(() => known);
      return;
    }
    setComp(undefined);
    let live = true;
    screen.load().then(
      (m) => {
        loaded.set(screen, m.default);
        if (live) setComp(() => m.default);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [screen]);
  if (error) return <ErrorBox error={error} />;
  if (!Comp) return <Loading loading />;
  return <Comp {...props} />;
}

/** Runs `work` once the browser has nothing else to do; the returned function cancels it. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(work, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 200);
  return () => clearTimeout(id);
}

function byPath(path: string): Screen | undefined {
  return findScreen(path, match)?.screen;
}

function LanguageSwitch() {
  return (
    <div class="lang-switch">
      <label for="lang-select">{t('portal-language')}</label>
      <select id="lang-select" value={lang.value} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
        {LANGS.map((l) => (
          <option value={l} lang={l} key={l}>
            {t(`portal-lang-${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Header({ current }: { current: string }) {
  const [open, setOpen] = useState(false);
  const u = user.value;
  const items = u && !u.must_change_password ? navFor(u.role) : [];
  return (
    <header class="site-header">
      <div class="brand">
        <a href="#/">{t('portal-app-name')}</a>
      </div>
      {items.length > 0 ? (
        <nav aria-label={t('portal-nav-label')} class={open ? 'open' : ''}>
          <button type="button" class="menu-toggle" aria-expanded={open} aria-controls="main-menu" onClick={() => setOpen(!open)}>
            {t('portal-menu')}
          </button>
          <ul id="main-menu">
            {items.map((s) => {
              const active = current === s.path || current.startsWith(`${s.path}/`);
              return (
                <li key={s.path}>
                  <a href={href(s.path)} aria-current={active ? 'page' : undefined} onClick={() => setOpen(false)}>
                    {t(s.title)}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
      <div class="header-tools">
        <LanguageSwitch />
        {u ? (
          <>
            <a href="#/notifications" class="bell" aria-label={t('portal-notifications-unread', { count: unread.value })}>
              <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
                <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
              </svg>
              {unread.value > 0 ? <span class="count" aria-hidden="true">{unread.value}</span> : null}
            </a>
            <a href="#/me" class="who">
              {fullName(u)}
              {u.role ? <span class="muted"> · {t(`portal-role-${u.role}`)}</span> : null}
            </a>
            <button type="button" class="link" onClick={() => void signOut().then(() => (window.location.hash = '#/'))}>
              {t('portal-sign-out')}
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
}

export function Shell() {
  const loc = location.value;
  const u = user.value;
  // Live updates while signed in and past the consent (the stream is refused before it).
  const live = !!u && !u.must_change_password && !consentRequired.value;
  useEffect(() => {
    if (live) startLive();
    else stopLive();
  }, [live]);
  // What the screens this user may open wait on, loaded while nothing else is going on.
  useEffect(() => {
    if (!live) return;
    const role = user.value?.role;
    return whenIdle(() => {
      for (const s of warmFor(role)) s.warm?.().catch(() => undefined);
    });
  }, [live]);
  useEffect(() => {
    document.documentElement.lang = lang.value;
  }, [lang.value]);

  let body;
  const found = findScreen(loc.path, match);
  const props: ScreenProps = { params: found?.params ?? {}, query: loc.query };
  const gate = (path: string) => {
    const s = byPath(path);
    return s ? <LazyScreen screen={s} props={props} /> : null;
  };
  if (u === undefined) {
    body = <Loading loading />;
  } else if (found?.screen.public) {
    body = <LazyScreen screen={found.screen} props={props} />;
  } else if (!u) {
    body = gate('/sign-in');
  } else if (u.must_change_password) {
    body = gate('/password');
  } else if (consentRequired.value) {
    body = gate('/consent');
  } else if (!found) {
    body = <PageTitle title={t('portal-not-found')} />;
  } else if (!mayOpen(found.screen, u.role)) {
    body = (
      <>
        <PageTitle title={t('portal-forbidden')} />
        <p>{t('portal-forbidden-text')}</p>
      </>
    );
  } else {
    body = <LazyScreen screen={found.screen} props={props} />;
  }

  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('portal-skip-to-content')}
      </a>
      <Header current={loc.path} />
      <main id="main" tabIndex={-1}>
        {body}
      </main>
      <footer class="site-footer">
        <a href="#/policy">{t('portal-policy')}</a>
      </footer>
    </>
  );
}
