import type { ThemeMode } from '../../../../shared/ipc/settings';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * The window's colour scheme. It is applied as `data-theme` on the root element, which app.css
 * turns into `color-scheme`, and the colours follow through `light-dark()`. What is chosen is
 * the theme setting's (state/settings.svelte.ts), which saves it; this only puts it on screen.
 */
class ThemeManager {
  #mode = $state<ThemeMode>('system');

  get mode(): ThemeMode {
    return this.#mode;
  }

  /** The scheme on screen now. */
  get effective(): 'light' | 'dark' {
    if (this.#mode !== 'system') return this.#mode;
    return globalThis.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
  }

  set(mode: ThemeMode): void {
    this.#mode = mode;
    const root = globalThis.document?.documentElement;
    if (!root) return;
    if (mode === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = mode;
  }
}

export const theme = new ThemeManager();
