/**
 * Screens plug into the shell here (web/README.md "Adding a screen"). Each part of the
 * app has a `src/<part>/routes.ts` that calls `registerScreen` for its screens; the shell
 * imports every such file, so a new part needs no edit of a shared file.
 */
import type { ComponentType } from 'preact';
import type { Role } from './session.js';

export interface ScreenProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface Screen {
  /** Route pattern, e.g. `/objects/:id`. */
  path: string;
  /** Message id of the screen's title (document title and menu label). */
  title: string;
  /** Loads the screen's module lazily (own chunk); its default export is the component. */
  load: () => Promise<{ default: ComponentType<ScreenProps> }>;
  /** Who may open it; any signed-in user when absent. */
  roles?: readonly Role[];
  /** Open without signing in (sign-in page, privacy policy). */
  public?: boolean;
  /** Listed in the main menu, in this order (smaller first). */
  nav?: number;
  /**
   * Work done ahead, once the browser is idle after sign-in, for those who may open the
   * screen: loading what its first render waits on (the map: MapLibre, its worker, the
   * map settings), so opening it does not wait for them.
   */
  warm?: () => Promise<unknown>;
}

const screens: Screen[] = [];

export function registerScreen(screen: Screen): void {
  if (screens.some((s) => s.path === screen.path)) throw new Error(`screen ${screen.path} registered twice`);
  screens.push(screen);
}

export function allScreens(): readonly Screen[] {
  return screens;
}

/** The first screen whose pattern fits `path`, with its parameters. */
export function findScreen(
  path: string,
  matcher: (pattern: string, path: string) => Record<string, string> | null,
): { screen: Screen; params: Record<string, string> } | undefined {
  for (const screen of screens) {
    const params = matcher(screen.path, path);
    if (params) return { screen, params };
  }
  return undefined;
}

/** `role` as the server gives it (a string; see `Role` for the ones there are). */
export function mayOpen(screen: Screen, role: string | null | undefined): boolean {
  if (screen.public) return true;
  if (!screen.roles) return true;
  return !!role && (screen.roles as readonly string[]).includes(role);
}

/** The screens a role may open that have work to do ahead (`warm`). */
export function warmFor(role: string | null | undefined): Screen[] {
  return screens.filter((s) => s.warm && !s.public && mayOpen(s, role));
}

/** The menu for a role, in order. */
export function navFor(role: string | null | undefined): Screen[] {
  return screens
    .filter((s) => s.nav !== undefined && !s.public && mayOpen(s, role))
    .sort((a, b) => (a.nav ?? 0) - (b.nav ?? 0));
}
