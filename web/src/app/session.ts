/**
 * Who is signed in, and what the server currently demands first (a new password, the
 * acceptance of the privacy policy). One Api client for the whole app.
 */
import { signal } from '@preact/signals';
import { Api, ApiError } from './api.js';
import { lang } from './i18n-app.js';
import type { LoginResponse, UserView } from '../api/types.js';

export type Role = 'administrator' | 'head' | 'inspector' | 'operator';
export const ROLES: readonly Role[] = ['administrator', 'head', 'inspector', 'operator'];

export type User = UserView;

export const api = new Api({ lang: () => lang.value });

/** undefined while the first `GET /me` runs; null when nobody is signed in. */
export const user = signal<User | null | undefined>(undefined);
/** Set when the API answered `consent-required`: the policy version to accept. */
export const consentRequired = signal<{ version: string | undefined } | null>(null);

api.onProblem((e: ApiError) => {
  if (e.status === 401 && e.code !== 'auth-invalid-credentials' && user.value) {
    rememberUser(null);
    user.value = null;
  }
  if (e.code === 'consent-required') {
    const v = e.problem?.version;
    consentRequired.value = { version: typeof v === 'string' ? v : undefined };
  }
  if (e.code === 'auth-password-change-required' && user.value) {
    user.value = { ...user.value, must_change_password: true };
  }
});

/** Asks the server who the session belongs to. */
export async function loadMe(): Promise<void> {
  try {
    user.value = await api.get<User>('/api/v1/me');
    rememberUser(user.value);
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'unreachable') {
      // Offline (field mode, R-MOB-1): carry on as the user this device last knew; the
      // server decides again at the next request that reaches it.
      user.value = rememberedUser();
    } else if (e instanceof ApiError && e.kind === 'problem' && e.status !== 401) {
      // Signed in, but something else is asked first (e.g. consent); /me is exempt, so rare.
      user.value = null;
    } else {
      user.value = null;
    }
  }
}

export function signedIn(answer: LoginResponse): void {
  rememberUser(answer.user);
  api.setCsrf(answer.csrf_token);
  consentRequired.value = null;
  user.value = answer.user;
}

export async function signOut(): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout');
  } catch {
    // The session may already be gone: signed out either way.
  }
  api.setCsrf(undefined);
  consentRequired.value = null;
  rememberUser(null);
  user.value = null;
}

const ME_KEY = 'fito.me';

/** The signed-in user's own profile, kept for offline starts (own data only: R-MOB-4). */
function rememberUser(u: User | null): void {
  try {
    if (u) localStorage.setItem(ME_KEY, JSON.stringify(u));
    else localStorage.removeItem(ME_KEY);
  } catch {
    // No storage: offline starts then ask to sign in.
  }
}

function rememberedUser(): User | null {
  try {
    const s = localStorage.getItem(ME_KEY);
    return s ? (JSON.parse(s) as User) : null;
  } catch {
    return null;
  }
}

/**
 * Whether the signed-in person's role may take `action` (`survey.record`, …): the server's own
 * role table, as `GET /api/v1/me` lists it in `actions` (issue 15). No copy of the table here.
 */
export function may(action: string, u: User | null | undefined = user.value): boolean {
  return u?.actions?.includes(action) ?? false;
}

export function hasRole(...roles: Role[]): boolean {
  const r = user.value?.role;
  return !!r && (roles as readonly string[]).includes(r);
}

export function fullName(u: { surname?: string; first_name?: string; patronymic?: string | null }): string {
  return [u.surname, u.first_name, u.patronymic].filter(Boolean).join(' ');
}
