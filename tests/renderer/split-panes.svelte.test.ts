import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceSnapshot } from '../../src/shared/ipc/session';

type Tabs = typeof import('../../src/renderer/src/lib/state/tabs.svelte').tabs;
let tabs: Tabs;

beforeEach(async () => {
  vi.resetModules();
  ({ tabs } = await import('../../src/renderer/src/lib/state/tabs.svelte'));
});

/** Each pane's titles, the one in front in capitals, the focused pane marked with `*`. */
function layout(): string[] {
  return tabs.panes.map(
    (pane) =>
      (pane === tabs.focusedPane ? '*' : '') +
      pane.tabs.map((tab) => (tab.key === pane.activeKey ? tab.title.toUpperCase() : tab.title)).join(' '),
  );
}
const sizes = () => tabs.panes.map((pane) => Math.round(pane.size));

function open(...names: string[]) {
  for (const name of names) tabs.open('p1', `org-${name}`, name);
}
const tab = (title: string) => tabs.tabs.find((candidate) => candidate.title === title)!;

describe('split view: opening to the side', () => {
  it('opens an organization in a new pane on the right, which takes focus and half the width', () => {
    open('a', 'b');
    tabs.openToSide('p1', 'org-c', 'c');
    expect(layout()).toEqual(['a B', '*C']);
    expect(sizes()).toEqual([50, 50]);
    // New tabs open in the focused pane; the tab commands act on it.
    open('d');
    expect(layout()).toEqual(['a B', '*c D']);
    tabs.cycle(1);
    expect(tabs.active?.title).toBe('c');
    tabs.goTo(9, 9);
    expect(tabs.active?.title).toBe('d');
    expect(tabs.tabs.map((t) => t.title)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('opens to the side into the pane on the right if there is one, never past three panes', () => {
    open('a');
    tabs.openToSide('p1', 'org-b', 'b');
    tabs.focusNeighbourPane(-1);
    tabs.openToSide('p1', 'org-c', 'c');
    expect(layout()).toEqual(['A', '*b C']);
    tabs.openToSide('p1', 'org-d', 'd');
    expect(layout()).toEqual(['A', 'b C', '*D']);
    tabs.openToSide('p1', 'org-e', 'e');
    expect(layout()).toEqual(['A', '*b c E', 'D']);
    expect(tabs.panes).toHaveLength(3);
  });

  it('opens an organization once: opening it again brings it forward in its pane, to the side moves it', () => {
    open('a', 'b');
    tabs.openToSide('p1', 'org-c', 'c');
    open('a');
    expect(layout()).toEqual(['*A b', 'C']);
    tabs.openToSide('p1', 'org-a', 'a');
    expect(layout()).toEqual(['B', '*c A']);
    // The same organization under another profile is another tab, so it can sit beside it.
    tabs.focusNeighbourPane(1);
    tabs.open('p2', 'org-a', 'a2');
    expect(layout()).toEqual(['*b A2', 'c A']);
  });
});

describe('split view: moving tabs', () => {
  it('moves a tab to the other pane, and leaves the only tab of a single pane alone', () => {
    open('a');
    expect(tabs.canMoveToSide(tab('a'))).toBe(false);
    tabs.moveToSide(tab('a'));
    expect(layout()).toEqual(['*A']);
    open('b');
    tabs.moveToSide(tab('a'));
    expect(layout()).toEqual(['B', '*A']);
    tabs.moveToSide(tab('b'));
    // The first pane emptied and closed; the moved tab is in front and focused.
    expect(layout()).toEqual(['*a B']);
    expect(sizes()).toEqual([100]);
  });

  it('moves a tab of the last pane to the pane on its left, not into a new pane', () => {
    open('a');
    tabs.openToSide('p1', 'org-b', 'b');
    open('c');
    tabs.moveToSide(tab('c'));
    expect(layout()).toEqual(['*a C', 'B']);
  });

  it('moves a dragged tab before another in the target pane, or into a new pane', () => {
    open('a', 'b', 'c');
    tabs.moveToNewPane(tab('c'), tabs.panes[0]!);
    expect(layout()).toEqual(['a B', '*C']);
    tabs.moveTo(tab('a'), tabs.panes[1]!, 0);
    expect(layout()).toEqual(['B', '*A c']);
    // Within a pane, before a later tab.
    tabs.moveTo(tab('a'), tabs.panes[1]!, 2);
    expect(layout()).toEqual(['B', '*c A']);
  });
});

describe('split view: closing', () => {
  it('closes a pane with its last tab, giving its width and focus to its neighbour', () => {
    open('a');
    tabs.openToSide('p1', 'org-b', 'b');
    tabs.openToSide('p1', 'org-c', 'c');
    expect(sizes()).toEqual([50, 25, 25]);
    tabs.close(tab('b'));
    expect(layout()).toEqual(['*A', 'C']);
    expect(sizes()).toEqual([75, 25]);
    tabs.close(tab('a'));
    expect(layout()).toEqual(['*C']);
    expect(sizes()).toEqual([100]);
    tabs.close(tab('c'));
    expect(layout()).toEqual(['*']);
    // Reopened in the focused pane.
    expect(tabs.reopenClosed()?.title).toBe('c');
    expect(layout()).toEqual(['*C']);
  });

  it('closes the tabs of a removed profile in every pane', () => {
    open('a');
    tabs.openToSide('p1', 'org-b', 'b');
    tabs.open('p2', 'org-x', 'x');
    tabs.closeProfile('p1');
    expect(layout()).toEqual(['*X']);
  });
});

describe('split view: resizing', () => {
  it('moves the border between two panes, keeping each at its minimum', () => {
    open('a');
    tabs.openToSide('p1', 'org-b', 'b');
    tabs.resize(tabs.panes[0]!, 10);
    expect(sizes()).toEqual([60, 40]);
    tabs.resize(tabs.panes[0]!, 100);
    expect(sizes()).toEqual([80, 20]);
    tabs.resize(tabs.panes[0]!, -100);
    expect(sizes()).toEqual([20, 80]);
    // The last pane has no border on its right.
    tabs.resize(tabs.panes[1]!, 10);
    expect(sizes()).toEqual([20, 80]);
  });
});

describe('split view: the session', () => {
  const tabOf = (orgId: string) => ({ profileId: 'p1', orgId, title: orgId, section: 'overview' as const });

  it('saves and brings back the panes, their front tabs, sizes and the focused pane', () => {
    open('a', 'b');
    tabs.openToSide('p1', 'org-c', 'c');
    open('d');
    tabs.activate(tab('c'));
    tabs.resize(tabs.panes[0]!, 12.5);
    tabs.activate(tab('a'));
    const snapshot = tabs.snapshot();
    expect(snapshot).toEqual({
      tabs: [tabOf('org-a'), tabOf('org-b')].map((saved, at) => ({ ...saved, title: ['a', 'b'][at] })),
      activeIndex: 0,
      splitPanes: [
        {
          tabs: [tabOf('org-c'), tabOf('org-d')].map((saved, at) => ({ ...saved, title: ['c', 'd'][at] })),
          activeIndex: 0,
        },
      ],
      activePane: 0,
      paneSizes: [62.5, 37.5],
    });
    tabs.restore({ tabs: [], activeIndex: null });
    expect(layout()).toEqual(['*']);
    tabs.restore(snapshot);
    expect(layout()).toEqual(['*A b', 'C d']);
    expect(sizes()).toEqual([63, 38]);
    expect(tabs.snapshot()).toEqual(snapshot);
  });

  it('brings back a session saved before split view as one pane', () => {
    const old: WorkspaceSnapshot = { tabs: [tabOf('org-a'), tabOf('org-b')], activeIndex: 1 };
    tabs.restore(old);
    expect(layout()).toEqual(['*org-a ORG-B']);
    expect(sizes()).toEqual([100]);
    expect(tabs.snapshot()).toEqual(old);
  });

  it('leaves out empty panes and a tab open twice, and shares the width when the sizes do not fit', () => {
    tabs.restore({
      tabs: [],
      activeIndex: null,
      splitPanes: [
        { tabs: [tabOf('org-a')], activeIndex: 0 },
        { tabs: [tabOf('org-a'), tabOf('org-b')], activeIndex: 0 },
      ],
      activePane: 2,
      paneSizes: [10, 80, 10],
    });
    // The front tab of the third pane was the duplicate: its first own tab comes forward.
    expect(layout()).toEqual(['ORG-A', '*ORG-B']);
    expect(sizes()).toEqual([50, 50]);
  });
});
