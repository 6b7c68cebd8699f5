import { describe, expect, it } from 'vitest';
import { SIDEBAR_WIDTH, SidebarState, treeKey } from '../../src/renderer/src/lib/state/sidebar.svelte';
import { SidebarSnapshot } from '../../src/shared/ipc/session';

const A = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const B = '9b2f4c1e-0d3a-4e5b-8f6a-1c2d3e4f5a6b';

describe('the sidebar state', () => {
  it('keeps the width within its limits, whole pixels', () => {
    const sidebar = new SidebarState();
    expect(sidebar.width).toBe(SIDEBAR_WIDTH.default);
    sidebar.setWidth(10);
    expect(sidebar.width).toBe(SIDEBAR_WIDTH.min);
    sidebar.setWidth(5000);
    expect(sidebar.width).toBe(SIDEBAR_WIDTH.max);
    sidebar.setWidth(300.6);
    expect(sidebar.width).toBe(301);
    sidebar.setWidth(Number.NaN);
    expect(sidebar.width).toBe(301);
    sidebar.resetWidth();
    expect(sidebar.width).toBe(SIDEBAR_WIDTH.default);
  });

  it('gives back what its snapshot holds, and the snapshot validates', () => {
    const sidebar = new SidebarState();
    sidebar.setWidth(340);
    sidebar.setCollapsed(true);
    sidebar.expand(A);
    sidebar.expand(B);
    sidebar.collapse(B);
    const snapshot = sidebar.snapshot();
    expect(snapshot).toEqual({ width: 340, collapsed: true, expanded: [A] });
    expect(SidebarSnapshot.parse(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);

    const restored = new SidebarState();
    restored.restore(SidebarSnapshot.parse(snapshot));
    expect(restored.snapshot()).toEqual(snapshot);
    expect(restored.isExpanded(A)).toBe(true);
    expect(restored.collapsed).toBe(true);
  });

  it('brings a width out of its range into it, and leaves alone what a snapshot does not say', () => {
    const sidebar = new SidebarState();
    sidebar.expand(A);
    sidebar.restore({ width: 900 });
    expect(sidebar.snapshot()).toEqual({ width: SIDEBAR_WIDTH.max, collapsed: false, expanded: [A] });
    sidebar.restore({ width: 150, expanded: [B] });
    expect(sidebar.snapshot()).toEqual({ width: SIDEBAR_WIDTH.min, collapsed: false, expanded: [B] });
  });

  it('shows every profile while a filter is typed, folds one on request, and leaves the saved state alone', () => {
    const sidebar = new SidebarState();
    sidebar.expand(A);
    sidebar.setFilter('acme');
    expect(sidebar.filtering).toBe(true);
    expect([sidebar.isExpanded(A), sidebar.isExpanded(B)]).toEqual([true, true]);
    sidebar.toggle(B);
    expect(sidebar.isExpanded(B)).toBe(false);
    // Another filter shows everything again.
    sidebar.setFilter('globex');
    expect(sidebar.isExpanded(B)).toBe(true);
    sidebar.setFilter('  ');
    expect(sidebar.filtering).toBe(false);
    expect([sidebar.isExpanded(A), sidebar.isExpanded(B)]).toEqual([true, false]);
    expect(sidebar.snapshot().expanded).toEqual([A]);
  });

  it('makes a requested item the tab stop, shows a hidden sidebar for it, and clears only its own request', () => {
    const sidebar = new SidebarState();
    sidebar.setCollapsed(true);
    sidebar.requestFocus(treeKey.profile(A));
    expect(sidebar.collapsed).toBe(false);
    expect(sidebar.isCurrent(treeKey.profile(A))).toBe(true);
    sidebar.requestFocus(treeKey.profile(B));
    sidebar.focusDone(treeKey.profile(A));
    expect(sidebar.focusRequest).toBe(treeKey.profile(B));
    sidebar.focusDone(treeKey.profile(B));
    expect(sidebar.focusRequest).toBeNull();
  });
});
