/** `system` follows the OS; the others hold whatever the OS says. */
export type ThemeMode = 'system' | 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * The window's colour scheme. It is applied as `data-theme` on the root element, which app.css
 * turns into `color-scheme`, and the colours follow through `light-dark()`. Not kept across
 * restarts yet: that belongs with the Settings view.
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

  /** Light if dark is on screen, else dark. */
  toggle(): void {
    this.set(this.effective === 'dark' ? 'light' : 'dark');
  }
}

export const theme = new ThemeManager();
