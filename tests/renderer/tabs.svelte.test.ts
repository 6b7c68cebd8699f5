import { beforeEach, describe, expect, it, vi } from 'vitest';

type Tabs = typeof import('../../src/renderer/src/lib/state/tabs.svelte').tabs;
let tabs: Tabs;

beforeEach(async () => {
  vi.resetModules();
  ({ tabs } = await import('../../src/renderer/src/lib/state/tabs.svelte'));
});

const titles = () => tabs.tabs.map((tab) => tab.title);
const front = () => tabs.active?.title ?? null;

function openFour() {
  for (const name of ['A', 'B', 'C', 'D']) tabs.open('p1', `org-${name}`, name);
}

describe('tabs: moving between them', () => {
  it('cycles forward and back from the front tab, wrapping around', () => {
    openFour();
    tabs.goTo(1, 9);
    const seen = [];
    for (let step = 0; step < 5; step += 1) {
      tabs.cycle(1);
      seen.push(front());
    }
    expect(seen).toEqual(['B', 'C', 'D', 'A', 'B']);
    tabs.cycle(-1);
    tabs.cycle(-1);
    expect(front()).toBe('D');
  });

  it('goes to a slot, the last slot meaning the last tab, and ignores a slot with no tab', () => {
    openFour();
    tabs.goTo(2, 9);
    expect(front()).toBe('B');
    tabs.goTo(9, 9);
    expect(front()).toBe('D');
    tabs.goTo(6, 9);
    expect(front()).toBe('D');
    tabs.goTo(1, 9);
    expect(front()).toBe('A');
  });

  it('does nothing without tabs', () => {
    tabs.cycle(1);
    tabs.goTo(1, 9);
    expect(tabs.active).toBeNull();
  });
});

describe('tabs: reopening closed ones', () => {
  it('brings back the last closed first, at its place, with its section and service account, in front', () => {
    openFour();
    const b = tabs.tabs[1]!;
    tabs.showSection(b, 'service-accounts');
    tabs.showServiceAccount(b, 'sa-1');
    tabs.close(b);
    tabs.close(tabs.tabs[2]!); // D
    expect(titles()).toEqual(['A', 'C']);
    expect(tabs.canReopen).toBe(true);

    expect(tabs.reopenClosed()?.title).toBe('D');
    expect(titles()).toEqual(['A', 'C', 'D']);
    const reopened = tabs.reopenClosed()!;
    expect(titles()).toEqual(['A', 'B', 'C', 'D']);
    expect(front()).toBe('B');
    expect(reopened).toMatchObject({
      profileId: 'p1',
      orgId: 'org-B',
      section: 'service-accounts',
      serviceAccountId: 'sa-1',
    });
    expect(tabs.canReopen).toBe(false);
    expect(tabs.reopenClosed()).toBeUndefined();
    expect(titles()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('gives a reopened tab an id of its own, never one still in the page', () => {
    openFour();
    const ids = new Set(tabs.tabs.map((tab) => tab.domId));
    tabs.close(tabs.tabs[0]!);
    const back = tabs.reopenClosed()!;
    expect(ids.has(back.domId)).toBe(false);
  });

  it('only brings forward a closed tab that was opened again since', () => {
    openFour();
    tabs.close(tabs.tabs[0]!);
    tabs.open('p1', 'org-A', 'A');
    tabs.goTo(2, 9);
    expect(tabs.reopenClosed()?.title).toBe('A');
    expect(titles()).toEqual(['B', 'C', 'D', 'A']);
    expect(front()).toBe('A');
  });

  it('forgets the tabs of a removed profile', () => {
    tabs.open('p1', 'o1', 'One');
    tabs.open('p2', 'o2', 'Two');
    tabs.close(tabs.tabs[0]!);
    tabs.closeProfile('p2');
    expect(tabs.tabs).toEqual([]);
    expect(tabs.reopenClosed()?.title).toBe('One');
    expect(tabs.canReopen).toBe(false);
  });

  it('remembers the last 25 closed tabs', () => {
    for (let at = 0; at < 30; at += 1) tabs.open('p1', `o${at}`, `T${at}`);
    while (tabs.tabs.length > 0) tabs.close(tabs.tabs[0]!);
    const back = [];
    while (tabs.canReopen) back.push(tabs.reopenClosed()!.title);
    expect(back).toHaveLength(25);
    expect(back[0]).toBe('T29');
    expect(back.at(-1)).toBe('T5');
  });
});
