import type { SidebarSnapshot, WorkspaceSnapshot } from '../../../../shared/ipc/session';
import { orgdesk } from '../ipc/bridge';
import { unwrap } from '../ipc/ipc-failure';
import { tabs } from '../state/tabs.svelte';

/** The sidebar's part of a session; the sidebar state provides it. */
export interface SidebarSession {
  snapshot(): SidebarSnapshot;
  restore(snapshot: SidebarSnapshot): void;
}

/**
 * Brings the workspace back at start and keeps main told of it as it changes. Nothing is saved
 * before the restore has answered, so a slow start cannot overwrite the saved session with an
 * empty one; a restore that fails starts with no tabs, as on a first run, and says nothing — the
 * window works without it.
 */
export class WorkspaceSession {
  restored = $state(false);
  #last = '';
  /** A save on its way to main; changes made meanwhile wait in `#next`, the latest only. */
  #sending = false;
  #next: WorkspaceSnapshot | undefined;

  constructor(private readonly sidebar: SidebarSession) {}

  async restore(): Promise<void> {
    try {
      const { workspace } = unwrap(await orgdesk().session.restore());
      if (workspace) {
        tabs.restore(workspace);
        if (workspace.sidebar) this.sidebar.restore(workspace.sidebar);
      }
    } catch (error) {
      console.warn('session restore failed', error);
    } finally {
      this.#last = JSON.stringify(this.snapshot());
      this.restored = true;
    }
  }

  snapshot(): WorkspaceSnapshot {
    return { ...tabs.snapshot(), sidebar: this.sidebar.snapshot() };
  }

  /**
   * Called from an effect that read the state. Main is told at once, so a quit right after a
   * change keeps it (main batches the file writes); a burst (a sidebar drag) sends one call at a
   * time, each with the latest state.
   */
  changed(snapshot: WorkspaceSnapshot): void {
    if (!this.restored) return;
    const text = JSON.stringify(snapshot);
    if (text === this.#last) return;
    this.#last = text;
    this.#next = snapshot;
    if (!this.#sending) void this.#send();
  }

  async #send(): Promise<void> {
    this.#sending = true;
    try {
      while (this.#next) {
        const snapshot = this.#next;
        this.#next = undefined;
        const result = await orgdesk().session.saveWorkspace(snapshot);
        if (!result.ok) console.warn('session save refused', result.error.message);
      }
    } catch (error) {
      console.warn('session save failed', error);
    } finally {
      this.#sending = false;
    }
  }

  /** Follows the tabs and the sidebar until the returned function is called. */
  follow(): () => void {
    return $effect.root(() => {
      $effect(() => this.changed(this.snapshot()));
    });
  }
}
