import { computeCommandScore } from 'bits-ui';
import type { AppCommandId } from '../../../../shared/commands/app-commands';
import type { Organization } from '../../../../shared/api/organizations';
import type { ProfileView } from '../../../../shared/ipc/profiles';
import type { Command } from '../commands/registry';
import type { OrgTab } from '../state/tabs.svelte';

/** What choosing an entry does: bring an organization forward (opening its tab if need be), or run a command. */
export type PaletteAction =
  | { readonly kind: 'org'; readonly profileId: string; readonly orgId: string; readonly title: string }
  | { readonly kind: 'command'; readonly id: AppCommandId };

export interface PaletteEntry {
  /** Unique in the palette: bits-ui keys selection by it, so it never depends on names (two profiles, one org). */
  readonly value: string;
  readonly label: string;
  /** The second line: label and profile for an organization, the profile for a tab. */
  readonly detail?: string;
  readonly color?: string;
  /** Every key of a command, the one the menu shows first. */
  readonly keys?: readonly string[];
  /** The text typed words are matched against. */
  readonly text: string;
  readonly action: PaletteAction;
}

/** Where a profile's organization list stands in the cache. */
export type OrgListState =
  | { readonly status: 'loaded'; readonly items: readonly Organization[] }
  | { readonly status: 'loading' }
  | { readonly status: 'failed' };

export interface PaletteModel {
  readonly tabs: PaletteEntry[];
  readonly orgs: PaletteEntry[];
  readonly commands: PaletteEntry[];
  /** Profiles whose organizations are still being read, and those whose list could not be. */
  readonly loading: ProfileView[];
  readonly failed: ProfileView[];
}

export interface PaletteSources {
  readonly profiles: readonly ProfileView[];
  readonly orgsOf: (profileId: string) => OrgListState;
  readonly tabs: readonly OrgTab[];
  readonly commands: readonly Command[];
}

/** The palette never lists itself; hidden commands (no view yet) are not offered either. */
const NOT_IN_PALETTE: readonly AppCommandId[] = ['palette.open'];

const orgValue = (kind: 'tab' | 'org', profileId: string, orgId: string) => `${kind}\u0000${profileId}\u0000${orgId}`;

/**
 * Everything the palette offers: the open tabs, then every organization of every profile not
 * already open (a tab may name its organization by ID or by label), then the commands. An entry
 * is matched on what it shows, so "acme sandbox" finds Acme under the Sandbox profile.
 */
export function buildPalette(sources: PaletteSources): PaletteModel {
  const profileOf = (id: string) => sources.profiles.find((profile) => profile.id === id);
  const tabs = sources.tabs.map((tab): PaletteEntry => {
    const profile = profileOf(tab.profileId);
    const profileName = profile?.name ?? 'Unknown profile';
    return {
      value: orgValue('tab', tab.profileId, tab.orgId),
      label: tab.title,
      detail: profileName,
      color: profile?.color,
      text: `${tab.title} ${profileName}`,
      action: { kind: 'org', profileId: tab.profileId, orgId: tab.orgId, title: tab.title },
    };
  });
  const isOpen = (profileId: string, org: Organization) =>
    sources.tabs.some((tab) => tab.profileId === profileId && (tab.orgId === org.id || tab.orgId === org.label));

  const loading: ProfileView[] = [];
  const failed: ProfileView[] = [];
  const orgs = sources.profiles.flatMap((profile) => {
    const list = sources.orgsOf(profile.id);
    if (list.status !== 'loaded') {
      (list.status === 'loading' ? loading : failed).push(profile);
      return [];
    }
    return [...list.items]
      .filter((org) => !isOpen(profile.id, org))
      .sort((x, y) => x.name.localeCompare(y.name))
      .map((org): PaletteEntry => ({
        value: orgValue('org', profile.id, org.id),
        label: org.name,
        detail: `${org.label} · ${profile.name}`,
        color: profile.color,
        text: `${org.name} ${org.label} ${profile.name}`,
        action: { kind: 'org', profileId: profile.id, orgId: org.id, title: org.name },
      }));
  });

  const commands = sources.commands
    .filter((command) => command.listed && !NOT_IN_PALETTE.includes(command.id))
    .map((command): PaletteEntry => ({
      value: `command\u0000${command.id}`,
      label: command.label,
      keys: command.keys,
      text: command.label,
      action: { kind: 'command', id: command.id },
    }));
  return { tabs, orgs, commands, loading, failed };
}

/**
 * How well `search` matches an entry's text, from 0 (hidden) to 1. The words typed in order
 * score as bits-ui's own fuzzy scorer says; failing that, words in another order ("sandbox acme")
 * still match when each one does, ranked below any in-order match.
 */
export function paletteScore(text: string, search: string): number {
  const query = search.trim().replace(/\s+/g, ' ');
  if (query === '') return 1;
  const inOrder = computeCommandScore(text, query);
  if (inOrder > 0) return inOrder;
  let score = 0.5;
  for (const word of query.split(' ')) {
    const part = computeCommandScore(text, word);
    if (part === 0) return 0;
    score *= part;
  }
  return score;
}

/** The most entries a group shows at once: typing narrows the rest down. */
export const GROUP_LIMIT = 50;

export interface RankedGroup {
  readonly shown: PaletteEntry[];
  /** How many more match than are shown. */
  readonly more: number;
  /** The best entry's score (0 when none matches), to put the best group first. */
  readonly best: number;
}

/**
 * The entries of one group that match `search`, best first (ties keep the group's order), at
 * most `limit` of them. Done here rather than by bits-ui, which scores and reorders every
 * rendered item in the DOM on each key: a thousand organizations took seconds per key.
 */
export function rankEntries(entries: readonly PaletteEntry[], search: string, limit = GROUP_LIMIT): RankedGroup {
  const matching = entries
    .map((entry, at) => ({ entry, at, score: paletteScore(entry.text, search) }))
    .filter((row) => row.score > 0)
    .sort((x, y) => y.score - x.score || x.at - y.at);
  return {
    shown: matching.slice(0, limit).map((row) => row.entry),
    more: Math.max(0, matching.length - limit),
    best: matching[0]?.score ?? 0,
  };
}
