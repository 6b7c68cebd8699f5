/**
 * The window-wide views an app command opens. The shortcuts sheet and About are drawn by the
 * command host; the palette, Settings and the activity log are flags their views read (each
 * view closes itself by setting its flag back), so a menu click, a shortcut and the palette
 * all open the same thing.
 */
export type Panel = 'palette' | 'shortcuts' | 'about' | 'settings' | 'activity';

class PanelsManager {
  #open = $state<Panel | null>(null);

  /** The panel up, if any: one at a time, opening one replaces the other. */
  get open(): Panel | null {
    return this.#open;
  }

  isOpen(panel: Panel): boolean {
    return this.#open === panel;
  }

  show(panel: Panel): void {
    this.#open = panel;
  }

  close(panel: Panel): void {
    if (this.#open === panel) this.#open = null;
  }
}

export const panels = new PanelsManager();
