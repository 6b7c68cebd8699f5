import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkspaceSession } from '../../src/renderer/src/lib/session/workspace-session.svelte';
import { tabs } from '../../src/renderer/src/lib/state/tabs.svelte';
import type { SidebarSnapshot, WorkspaceSnapshot } from '../../src/shared/ipc/session';
import type { IpcResult } from '../../src/shared/ipc/result';
import { installFakeBridge, type FakeBridge } from './support/fake-bridge';

const P1 = '11111111-1111-4111-8111-111111111111';

class FakeSidebar {
  expanded: string[] = [];
  snapshot(): SidebarSnapshot {
    return { expanded: [...this.expanded] };
  }
  restore(snapshot: SidebarSnapshot): void {
    this.expanded = [...(snapshot.expanded ?? [])];
  }
}

let bridge: FakeBridge;
let saved: WorkspaceSnapshot[];

beforeEach(() => {
  vi.useFakeTimers();
  bridge = installFakeBridge();
  saved = [];
  bridge.answer('session:saveWorkspace', async (input) => {
    saved.push(input as WorkspaceSnapshot);
    return { ok: true, value: { saved: true } };
  });
  tabs.restore({ tabs: [], activeIndex: null });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const workspace: WorkspaceSnapshot = {
  tabs: [
    { profileId: P1, orgId: 'org_a', title: 'Acme', section: 'people' },
    { profileId: P1, orgId: 'org_b', title: 'Globex', section: 'sso' },
  ],
  activeIndex: 1,
  sidebar: { expanded: [P1] },
};

describe('the workspace session', () => {
  it('opens the saved tabs with the saved one in front, and the sidebar as it was', async () => {
    bridge.answer('session:restore', async () => ({ ok: true, value: { workspace } }));
    const sidebar = new FakeSidebar();
    const session = new WorkspaceSession(sidebar);
    await session.restore();
    expect(tabs.tabs.map((tab) => [tab.title, tab.section])).toEqual([
      ['Acme', 'people'],
      ['Globex', 'sso'],
    ]);
    expect(tabs.active?.title).toBe('Globex');
    expect(sidebar.expanded).toEqual([P1]);
    expect(session.snapshot()).toEqual(workspace);
  });

  it('saves each change at once, never before the restore answered, and not what it just restored', async () => {
    let answer: (value: IpcResult<unknown>) => void = () => undefined;
    bridge.answer('session:restore', () => new Promise<IpcResult<unknown>>((resolve) => (answer = resolve)));
    const session = new WorkspaceSession(new FakeSidebar());
    const stop = session.follow();
    const restoring = session.restore();
    tabs.open(P1, 'org_x', 'Opened meanwhile');
    await vi.advanceTimersByTimeAsync(100);
    expect(saved).toEqual([]);
    answer({ ok: true, value: { workspace } });
    await restoring;
    await vi.advanceTimersByTimeAsync(100);
    expect(saved).toEqual([]);

    tabs.open(P1, 'org_c', 'Initech');
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.at(-1)!.tabs.map((tab) => tab.title)).toEqual(['Acme', 'Globex', 'Initech']);
    expect(saved.at(-1)!.activeIndex).toBe(2);
    const initech = tabs.tabs.find((tab) => tab.title === 'Initech')!;
    tabs.showSection(initech, 'service-accounts');
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.at(-1)!.tabs[2]!.section).toBe('service-accounts');

    // A burst while a save is on its way: the calls go one at a time, the last with the last state.
    const sent = saved.length;
    for (const section of ['people', 'sso', 'overview'] as const) tabs.showSection(initech, section);
    tabs.close(initech);
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.length - sent).toBeLessThanOrEqual(2);
    expect(saved.at(-1)!.tabs).toHaveLength(2);
    stop();
  });

  it('starts empty, as on a first run, when the restore fails', async () => {
    bridge.answer('session:restore', async () => ({ ok: false, error: { kind: 'internal', message: 'x' } }));
    const session = new WorkspaceSession(new FakeSidebar());
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await session.restore();
    expect(session.restored).toBe(true);
    expect(tabs.tabs).toEqual([]);
  });
});
