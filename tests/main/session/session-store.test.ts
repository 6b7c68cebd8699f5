import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/log';
import { SESSION_FILE, SessionStore } from '../../../src/main/session/session-store';
import type { WorkspaceSnapshot } from '../../../src/shared/ipc/session';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const GONE = '33333333-3333-4333-8333-333333333333';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgdesk-session-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const workspace: WorkspaceSnapshot = {
  tabs: [
    { profileId: P1, orgId: 'org_a', title: 'Acme', section: 'people' },
    { profileId: GONE, orgId: 'org_b', title: 'Globex', section: 'overview' },
    { profileId: P2, orgId: 'org_a', title: 'Acme', section: 'service-accounts', serviceAccountId: 'sa_1' },
  ],
  activeIndex: 2,
  sidebar: { width: 300, collapsed: false, expanded: [P1, GONE] },
};
const window = { bounds: { x: 10, y: 20, width: 1300, height: 850 }, maximized: true };

describe('the session file', () => {
  it('brings back the window and the workspace after a restart', async () => {
    const first = new SessionStore(dir, silentLogger, 10);
    first.saveWindow(window);
    await first.saveWorkspace(workspace);
    await first.flush();
    const second = new SessionStore(dir, silentLogger, 10);
    expect(await second.window()).toEqual(window);
    expect(await second.workspace(new Set([P1, P2, GONE]))).toEqual(workspace);
  });

  it('drops tabs of a profile removed since, the active tab following its own', async () => {
    const store = new SessionStore(dir, silentLogger, 10);
    await store.saveWorkspace(workspace);
    const restored = await store.workspace(new Set([P1, P2]));
    expect(restored?.tabs.map((tab) => tab.profileId)).toEqual([P1, P2]);
    expect(restored?.activeIndex).toBe(1);
    expect(restored?.sidebar?.expanded).toEqual([P1]);
    // The active tab's profile is gone: the first tab comes forward.
    await store.saveWorkspace({ ...workspace, activeIndex: 1 });
    expect((await store.workspace(new Set([P1, P2])))?.activeIndex).toBe(0);
    expect(await store.workspace(new Set())).toEqual({ tabs: [], activeIndex: null, sidebar: expect.anything() });
  });

  it('drops tabs of a removed profile from every pane of split view, keeping the panes and their sizes', async () => {
    const store = new SessionStore(dir, silentLogger, 10);
    const split: WorkspaceSnapshot = {
      ...workspace,
      splitPanes: [
        { tabs: [workspace.tabs[1]!], activeIndex: 0 },
        {
          tabs: [workspace.tabs[1]!, { profileId: P1, orgId: 'org_c', title: 'Initech', section: 'sso' }],
          activeIndex: 0,
        },
      ],
      activePane: 2,
      paneSizes: [40, 30, 30],
    };
    await store.saveWorkspace(split);
    const restored = await store.workspace(new Set([P1, P2]));
    expect(restored?.splitPanes).toEqual([
      { tabs: [], activeIndex: null },
      { tabs: [{ profileId: P1, orgId: 'org_c', title: 'Initech', section: 'sso' }], activeIndex: 0 },
    ]);
    expect(restored).toMatchObject({ activePane: 2, paneSizes: [40, 30, 30] });
    expect(restored?.tabs.map((tab) => tab.profileId)).toEqual([P1, P2]);
  });

  it('moves a file that is not JSON aside and starts as on a first run', async () => {
    await writeFile(join(dir, SESSION_FILE), '{ not json');
    const store = new SessionStore(dir, silentLogger, 10);
    expect(await store.window()).toBeUndefined();
    expect(await store.workspace(new Set([P1]))).toBeNull();
    const files = await readdir(dir);
    expect(files.some((name) => name.startsWith(`${SESSION_FILE}.corrupt-`))).toBe(true);
  });

  it('keeps the window’s place when only the workspace part is unusable, and the other way round', async () => {
    await writeFile(
      join(dir, SESSION_FILE),
      JSON.stringify({ version: 1, window, workspace: { tabs: 'everything', activeIndex: -4 } }),
    );
    const store = new SessionStore(dir, silentLogger, 10);
    expect(await store.window()).toEqual(window);
    expect(await store.workspace(new Set([P1]))).toBeNull();

    await writeFile(
      join(dir, SESSION_FILE),
      JSON.stringify({ version: 1, window: { bounds: { x: 'left' } }, workspace }),
    );
    const other = new SessionStore(dir, silentLogger, 10);
    expect(await other.window()).toBeUndefined();
    expect((await other.workspace(new Set([P1, P2, GONE])))?.tabs).toHaveLength(3);
  });

  it('moves aside a file of another version rather than guessing at it', async () => {
    await writeFile(join(dir, SESSION_FILE), JSON.stringify({ version: 2, window }));
    expect(await new SessionStore(dir, silentLogger, 10).window()).toBeUndefined();
    expect((await readdir(dir)).length).toBe(1);
    expect((await readdir(dir))[0]).toMatch(/\.corrupt-/);
  });

  it('writes once the changes settle, and everything pending on flush', async () => {
    const store = new SessionStore(dir, silentLogger, 60_000);
    for (let x = 0; x < 50; x++) store.saveWindow({ ...window, bounds: { ...window.bounds, x } });
    await store.saveWorkspace(workspace);
    expect(await readdir(dir)).toEqual([]);
    await store.flush();
    const written = JSON.parse(await readFile(join(dir, SESSION_FILE), 'utf8'));
    expect(written.window.bounds.x).toBe(49);
    expect(written.workspace.tabs).toHaveLength(3);
  });
});
