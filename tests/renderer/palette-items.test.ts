import { QueryClient } from '@tanstack/svelte-query';
import { describe, expect, it } from 'vitest';
import type { Organization } from '../../src/shared/api/organizations';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import { createCommandRegistry } from '../../src/renderer/src/lib/commands/registry';
import {
  buildPalette,
  paletteScore,
  rankEntries,
  type OrgListState,
  type PaletteEntry,
} from '../../src/renderer/src/lib/palette/palette-items';
import type { OrgTab } from '../../src/renderer/src/lib/state/tabs.svelte';

const AT = '2026-01-05T09:00:00.000Z';
const profile = (id: string, name: string, color = '#16a34a'): ProfileView => ({
  id,
  name,
  baseUrl: 'http://127.0.0.1:4010',
  color,
  authKind: 'client_credentials',
  secretStored: true,
  createdAt: AT,
  updatedAt: AT,
});
const org = (id: string, name: string, label = name.toLowerCase().replace(/ /g, '-')): Organization => ({
  id,
  name,
  label,
  sso_enabled: false,
  created_at: AT,
  updated_at: AT,
});
const tab = (profileId: string, orgId: string, title: string): OrgTab => ({
  key: `${profileId}\u0000${orgId}`,
  domId: `org-tab-${orgId}`,
  profileId,
  orgId,
  title,
  section: 'overview',
});

const profiles = [profile('p1', 'Production', '#dc2626'), profile('p2', 'Staging'), profile('p3', 'Lab')];
const lists: Record<string, OrgListState> = {
  p1: { status: 'loaded', items: [org('o2', 'Globex Research'), org('o1', 'Acme Robotics', 'acme-ops')] },
  p2: { status: 'loaded', items: [org('o1', 'Acme Robotics', 'acme-ops'), org('o3', 'Initech Platform')] },
  p3: { status: 'loading' },
};
const commands = createCommandRegistry(new QueryClient()).commands;
const build = (openTabs: OrgTab[] = [], orgsOf = (id: string) => lists[id] ?? { status: 'failed' as const }) =>
  buildPalette({ profiles, orgsOf, tabs: openTabs, commands });

/** The entries `search` shows, best first. */
function ranked(entries: readonly PaletteEntry[], search: string): string[] {
  return rankEntries(entries, search, Infinity).shown.map(
    (entry) => `${entry.label}${entry.detail ? ` (${entry.detail})` : ''}`,
  );
}

describe('palette entries', () => {
  it('lists every organization of every loaded profile by profile then name, each naming its label and profile', () => {
    const model = build();
    expect(model.orgs.map((entry) => [entry.label, entry.detail, entry.color])).toEqual([
      ['Acme Robotics', 'acme-ops · Production', '#dc2626'],
      ['Globex Research', 'globex-research · Production', '#dc2626'],
      ['Acme Robotics', 'acme-ops · Staging', '#16a34a'],
      ['Initech Platform', 'initech-platform · Staging', '#16a34a'],
    ]);
    // The same organization under two profiles: two entries, told apart by value and action.
    const values = model.orgs.map((entry) => entry.value);
    expect(new Set(values).size).toBe(values.length);
    expect(model.orgs[2]!.action).toEqual({ kind: 'org', profileId: 'p2', orgId: 'o1', title: 'Acme Robotics' });
  });

  it('says which profiles are still loading and which failed, and lists none of their organizations', () => {
    const model = build([], (id) => (id === 'p2' ? { status: 'failed' } : (lists[id] ?? { status: 'failed' })));
    expect(model.loading.map((p) => p.name)).toEqual(['Lab']);
    expect(model.failed.map((p) => p.name)).toEqual(['Staging']);
    expect(model.orgs.every((entry) => entry.detail!.endsWith('Production'))).toBe(true);
  });

  it('lists open tabs first with their profile, and leaves their organizations (by ID or label) out of the rest', () => {
    const model = build([
      tab('p2', 'acme-ops', 'Acme Robotics'),
      tab('p1', 'o2', 'Globex Research'),
      tab('p9', 'x', 'X'),
    ]);
    expect(model.tabs.map((entry) => [entry.label, entry.detail])).toEqual([
      ['Acme Robotics', 'Staging'],
      ['Globex Research', 'Production'],
      ['X', 'Unknown profile'],
    ]);
    expect(model.tabs[0]!.action).toEqual({ kind: 'org', profileId: 'p2', orgId: 'acme-ops', title: 'Acme Robotics' });
    expect(model.orgs.map((entry) => entry.detail)).toEqual(['acme-ops · Production', 'initech-platform · Staging']);
  });

  it('offers every listed command with its keys, but not the palette itself', () => {
    const model = build();
    const listed = commands.filter((command) => command.listed && command.id !== 'palette.open');
    expect(model.commands.map((entry) => entry.action)).toEqual(listed.map(({ id }) => ({ kind: 'command', id })));
    expect(model.commands.some((entry) => entry.label === 'Command Palette…')).toBe(false);
    const reopen = model.commands.find((entry) => entry.label === 'Reopen Closed Tab');
    expect(reopen?.keys).toEqual(['CmdOrCtrl+Shift+T']);
    for (const label of ['New Profile…', 'Add Sandbox Profile', 'Toggle Dark Theme', 'Keyboard Shortcuts', 'Refresh']) {
      expect(model.commands.map((entry) => entry.label)).toContain(label);
    }
  });
});

describe('palette matching', () => {
  const model = build();
  const everything = [...model.orgs, ...model.commands];

  it('finds an organization by part of its name, label and profile, typed in order or not', () => {
    expect(ranked(model.orgs, 'acme ops')).toEqual([
      'Acme Robotics (acme-ops · Production)',
      'Acme Robotics (acme-ops · Staging)',
    ]);
    expect(ranked(model.orgs, 'acme stag')).toEqual(['Acme Robotics (acme-ops · Staging)']);
    expect(ranked(model.orgs, 'staging acme')).toEqual(['Acme Robotics (acme-ops · Staging)']);
    expect(ranked(model.orgs, 'ACME   PROD')).toEqual(['Acme Robotics (acme-ops · Production)']);
    expect(ranked(model.orgs, 'initech')).toEqual(['Initech Platform (initech-platform · Staging)']);
  });

  it('ranks a match at the start of a word above one scattered through the text', () => {
    expect(ranked(everything, 'glob')[0]).toBe('Globex Research (globex-research · Production)');
    expect(ranked(everything, 'theme')).toEqual(['Toggle Dark Theme']);
    expect(ranked(everything, 'reopen')[0]).toBe('Reopen Closed Tab');
  });

  it('shows everything for an empty search and nothing for a search no entry matches', () => {
    expect(ranked(everything, '  ')).toHaveLength(everything.length);
    expect(ranked(everything, 'zzqx')).toEqual([]);
    expect(paletteScore('Acme Robotics', 'acme robotics x')).toBe(0);
    expect(paletteScore('Acme Robotics', 'acme')).toBeGreaterThan(paletteScore('Acme Robotics', 'robotics acme'));
  });

  it('shows at most the limit of a group, best first, and says how many more match', () => {
    const many = buildPalette({
      profiles,
      orgsOf: () => ({
        status: 'loaded',
        items: Array.from({ length: 120 }, (_, at) => org(`o${at}`, `Org ${String(at).padStart(3, '0')}`)),
      }),
      tabs: [],
      commands,
    }).orgs;
    expect(many).toHaveLength(360);
    const all = rankEntries(many, '');
    expect(all.shown).toHaveLength(50);
    expect(all.more).toBe(310);
    expect(all.shown[0]!.label).toBe('Org 000');
    const lab = rankEntries(many, 'org 070 lab');
    expect(`${lab.shown[0]!.label} ${lab.shown[0]!.detail}`).toBe('Org 070 org-070 · Lab');
    expect(lab.shown.every((entry) => entry.detail!.endsWith('· Lab'))).toBe(true);
    expect(rankEntries(many, 'lab', 3)).toMatchObject({ more: 117 });
    expect(rankEntries(many, 'lab', 3).shown.map((entry) => entry.label)).toEqual(['Org 000', 'Org 001', 'Org 002']);
  });
});
