import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkspaceSnapshot, type WorkspacePane } from '../../shared/ipc/session';
import { writeFileAtomically } from '../atomic-file';
import type { Logger } from '../log';
import { WindowState } from './window-state';

export const SESSION_FILE = 'session.json';
/** Resizing fires many events a second; the file is written once things settle. */
export const SESSION_WRITE_DELAY_MS = 500;

const SessionFile = z.object({
  version: z.literal(1),
  window: WindowState.optional().catch(undefined),
  workspace: WorkspaceSnapshot.optional().catch(undefined),
});
type SessionFile = z.infer<typeof SessionFile>;

/**
 * The window and workspace as they were left, in `<userData>/session.json`. Read once, checked
 * part by part (a bad workspace does not lose the window's place, nor the other way round), and
 * written a moment after the last change, atomically. A file that is not a session at all is
 * moved aside and the app starts as on a first run: a session is a convenience, never a reason
 * not to start.
 */
export class SessionStore {
  readonly path: string;
  #loaded: Promise<SessionFile> | undefined;
  #pending: SessionFile | undefined;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  /** Changes apply one after the other, so two made before the file was read do not undo each other. */
  #changes: Promise<void> = Promise.resolve();

  constructor(
    userDataDir: string,
    private readonly logger: Logger,
    private readonly writeDelayMs = SESSION_WRITE_DELAY_MS,
  ) {
    this.path = join(userDataDir, SESSION_FILE);
  }

  async window(): Promise<WindowState | undefined> {
    return (await this.#load()).window;
  }

  /** The workspace, without tabs of profiles that no longer exist (the active tab follows its own). */
  async workspace(profileIds: ReadonlySet<string>): Promise<WorkspaceSnapshot | null> {
    const saved = (await this.#load()).workspace;
    if (!saved) return null;
    const panes = [saved, ...(saved.splitPanes ?? [])].map((pane) => keptTabs(pane, profileIds));
    const dropped = panes.reduce((sum, pane) => sum + pane.dropped, 0);
    if (dropped > 0) this.logger.info('session.tabs_dropped', { dropped, reason: 'unknown_profile' });
    const [first, ...rest] = panes;
    const expanded = saved.sidebar?.expanded?.filter((id) => profileIds.has(id));
    return {
      tabs: first!.tabs,
      activeIndex: first!.activeIndex,
      // The renderer leaves out panes left empty; the sizes then no longer match and are shared anew.
      ...(saved.splitPanes ? { splitPanes: rest.map(({ tabs, activeIndex }) => ({ tabs, activeIndex })) } : {}),
      ...(saved.activePane === undefined ? {} : { activePane: saved.activePane }),
      ...(saved.paneSizes ? { paneSizes: saved.paneSizes } : {}),
      ...(saved.sidebar ? { sidebar: { ...saved.sidebar, ...(expanded ? { expanded } : {}) } } : {}),
    };
  }

  saveWindow(state: WindowState): void {
    void this.#change({ window: state });
  }

  saveWorkspace(workspace: WorkspaceSnapshot): Promise<void> {
    return this.#change({ workspace });
  }

  /** Writes what is waiting now (on quit). */
  async flush(): Promise<void> {
    await this.#changes;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#write();
  }

  #change(part: Partial<SessionFile>): Promise<void> {
    this.#changes = this.#changes.then(async () => {
      const current = this.#pending ?? (await this.#load());
      this.#pending = { ...current, ...part };
      this.#loaded = Promise.resolve(this.#pending);
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#write(), this.writeDelayMs);
      this.#timer.unref?.();
    });
    return this.#changes;
  }

  #write(): Promise<void> {
    const data = this.#pending;
    this.#pending = undefined;
    if (!data) return this.#writing;
    this.#writing = this.#writing
      .then(() => writeFileAtomically(this.path, `${JSON.stringify(data, null, 2)}\n`))
      .catch((error: unknown) => this.logger.warn('session.write_failed', { error }));
    return this.#writing;
  }

  #load(): Promise<SessionFile> {
    this.#loaded ??= this.#read();
    return this.#loaded;
  }

  async #read(): Promise<SessionFile> {
    const empty: SessionFile = { version: 1 };
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn('session.read_failed', { error });
      return empty;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.#moveAside('it is not JSON');
    }
    const parsed = SessionFile.safeParse(json);
    if (!parsed.success) return this.#moveAside('it is not a session file of this version');
    if (json !== null && typeof json === 'object') {
      const raw = json as Record<string, unknown>;
      if (raw['window'] !== undefined && parsed.data.window === undefined) this.logger.warn('session.window_ignored');
      if (raw['workspace'] !== undefined && parsed.data.workspace === undefined) {
        this.logger.warn('session.workspace_ignored');
      }
    }
    return parsed.data;
  }

  async #moveAside(reason: string): Promise<SessionFile> {
    const movedTo = `${this.path}.corrupt-${Date.now()}`;
    try {
      await rename(this.path, movedTo);
      this.logger.warn('session.corrupt_file', { reason, movedTo });
    } catch (error) {
      this.logger.warn('session.corrupt_file', { reason, error });
    }
    return { version: 1 };
  }
}

/** A pane's tabs without those of profiles that no longer exist; the tab in front follows its own. */
function keptTabs(pane: WorkspacePane, profileIds: ReadonlySet<string>): WorkspacePane & { dropped: number } {
  const active = pane.activeIndex === null ? undefined : pane.tabs[pane.activeIndex];
  const tabs = pane.tabs.filter((tab) => profileIds.has(tab.profileId));
  const activeIndex = active === undefined ? -1 : tabs.indexOf(active);
  return {
    tabs,
    activeIndex: activeIndex >= 0 ? activeIndex : tabs.length > 0 ? 0 : null,
    dropped: pane.tabs.length - tabs.length,
  };
}
