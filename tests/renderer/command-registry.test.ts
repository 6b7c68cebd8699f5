import { QueryClient } from '@tanstack/svelte-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_COMMAND_IDS, commandKeys, TAB_SLOTS } from '../../src/shared/commands/app-commands';
import { installFakeBridge } from './support/fake-bridge';

const focused = vi.hoisted(() => ({ calls: 0 }));
// Focus moves in the page; these tests watch the state, not the DOM.
vi.mock('../../src/renderer/src/lib/commands/focus', () => ({
  focusAfterTabChange: async () => void (focused.calls += 1),
}));

type Modules = {
  registry: typeof import('../../src/renderer/src/lib/commands/registry');
  tabs: typeof import('../../src/renderer/src/lib/state/tabs.svelte').tabs;
  panels: typeof import('../../src/renderer/src/lib/state/panels.svelte').panels;
  dialogs: typeof import('../../src/renderer/src/lib/state/dialogs.svelte').dialogs;
  queryKeys: typeof import('../../src/renderer/src/lib/queries/query-keys').queryKeys;
};
let m: Modules;
let bridge: ReturnType<typeof installFakeBridge>;

beforeEach(async () => {
  vi.resetModules();
  focused.calls = 0;
  bridge = installFakeBridge();
  m = {
    registry: await import('../../src/renderer/src/lib/commands/registry'),
    tabs: (await import('../../src/renderer/src/lib/state/tabs.svelte')).tabs,
    panels: (await import('../../src/renderer/src/lib/state/panels.svelte')).panels,
    dialogs: (await import('../../src/renderer/src/lib/state/dialogs.svelte')).dialogs,
    queryKeys: (await import('../../src/renderer/src/lib/queries/query-keys')).queryKeys,
  };
});

const ctrl = (key: string, extra: { shiftKey?: boolean } = {}) => ({
  key,
  code: '',
  ctrlKey: true,
  metaKey: false,
  altKey: false,
  shiftKey: extra.shiftKey ?? false,
});

describe('command registry', () => {
  it('has every app command once, and a key binding for each key the commands declare and each tab slot', () => {
    const { commands, bindings } = m.registry.createCommandRegistry(new QueryClient());
    expect(commands.map((command) => command.id)).toEqual(APP_COMMAND_IDS);
    const declared = APP_COMMAND_IDS.flatMap(commandKeys);
    const slots = Array.from({ length: TAB_SLOTS }, (_, at) => `CmdOrCtrl+${at + 1}`);
    expect(bindings.map((binding) => binding.accelerator).sort()).toEqual([...declared, ...slots].sort());
  });

  it('runs the same thing for a key and for the menu', async () => {
    const registry = m.registry.createCommandRegistry(new QueryClient());
    for (const name of ['A', 'B', 'C']) m.tabs.open('p1', `org-${name}`, name);

    await m.registry.bindingFor(registry.bindings, ctrl('1'), false)!.run();
    expect(m.tabs.active?.title).toBe('A');
    await registry.runMenuCommand({ command: 'tab.goTo', index: 9 });
    expect(m.tabs.active?.title).toBe('C');
    await m.registry.bindingFor(registry.bindings, ctrl('Tab'), false)!.run();
    expect(m.tabs.active?.title).toBe('A');
    await registry.runMenuCommand({ command: 'tab.previous' });
    expect(m.tabs.active?.title).toBe('C');
    await m.registry.bindingFor(registry.bindings, ctrl('w'), false)!.run();
    expect(m.tabs.tabs.map((tab) => tab.title)).toEqual(['A', 'B']);
    await registry.runMenuCommand({ command: 'tab.reopenClosed' });
    expect(m.tabs.tabs.map((tab) => tab.title)).toEqual(['A', 'B', 'C']);
    expect(focused.calls).toBe(6);
  });

  it('opens the palette flag on Ctrl+K, Settings on Ctrl+, and the new profile dialog on Ctrl+N', async () => {
    const registry = m.registry.createCommandRegistry(new QueryClient());
    await m.registry.bindingFor(registry.bindings, ctrl('k'), false)!.run();
    expect(m.panels.open).toBe('palette');
    await m.registry.bindingFor(registry.bindings, ctrl(','), false)!.run();
    expect(m.panels.open).toBe('settings');
    await m.registry.bindingFor(registry.bindings, ctrl('/'), false)!.run();
    expect(m.panels.open).toBe('shortcuts');
    await registry.runMenuCommand({ command: 'about.show' });
    expect(m.panels.open).toBe('about');
    await m.registry.bindingFor(registry.bindings, ctrl('n'), false)!.run();
    expect(m.dialogs.profileForm).toEqual({ kind: 'add' });
    // Every command has its view now: none is left out of the menu or the sheet.
    expect(registry.commands.filter((command) => !command.listed).map((command) => command.id)).toEqual([]);
  });

  it('saves the theme the menu toggles, so it holds across a restart', async () => {
    bridge.answer('settings:update', async (input) => ({
      ok: true,
      value: { theme: 'system', clipboardClearSeconds: 30, defaultEnvironment: null, ...(input as object) },
    }));
    const registry = m.registry.createCommandRegistry(new QueryClient());
    await registry.runMenuCommand({ command: 'theme.toggle' });
    expect(bridge.calls.filter((call) => call.channel === 'settings:update').map((call) => call.input)).toEqual([
      { theme: 'dark' },
    ]);
  });

  it('closes nothing when no tab is open', async () => {
    const registry = m.registry.createCommandRegistry(new QueryClient());
    await registry.runMenuCommand({ command: 'tab.close' });
    await registry.runMenuCommand({ command: 'tab.reopenClosed' });
    expect(m.tabs.tabs).toEqual([]);
    expect(focused.calls).toBe(0);
  });

  it('refreshes the front tab’s organization data and nothing of the other tabs', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
    const { queryKeys } = m;
    const front = [
      queryKeys.org('p1', 'o1'),
      queryKeys.people('p1', 'o1', { email: 'zoe' } as never),
      queryKeys.roles('p1', 'o1'),
      queryKeys.invitations('p1', 'o1'),
      queryKeys.serviceAccounts('p1', 'o1'),
      queryKeys.credentials('p1', 'o1', 'sa'),
    ];
    const other = [queryKeys.org('p1', 'o2'), queryKeys.people('p1', 'o2'), queryKeys.profiles, queryKeys.orgs('p1')];
    for (const key of [...front, ...other]) client.setQueryData(key, { cached: true });
    m.tabs.open('p1', 'o2', 'Other');
    m.tabs.open('p1', 'o1', 'Front');

    const registry = m.registry.createCommandRegistry(client);
    await m.registry.bindingFor(registry.bindings, { ...ctrl('F5'), ctrlKey: false }, false)!.run();
    expect(front.map((key) => client.getQueryState(key)?.isInvalidated)).toEqual(front.map(() => true));
    expect(other.map((key) => client.getQueryState(key)?.isInvalidated)).toEqual(other.map(() => false));
  });

  it('refreshes the profiles and their organization lists when no tab is open', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
    const { queryKeys } = m;
    client.setQueryData(queryKeys.profiles, { profiles: [{ id: 'p1' }, { id: 'p2' }] });
    client.setQueryData(queryKeys.orgs('p1'), { items: [] });
    client.setQueryData(queryKeys.orgs('p2'), { items: [] });
    client.setQueryData(queryKeys.org('p1', 'o1'), {});
    const registry = m.registry.createCommandRegistry(client);
    await m.registry.bindingFor(registry.bindings, ctrl('r'), false)!.run();
    for (const key of [queryKeys.profiles, queryKeys.orgs('p1'), queryKeys.orgs('p2')]) {
      expect(client.getQueryState(key)?.isInvalidated).toBe(true);
    }
    expect(client.getQueryState(queryKeys.org('p1', 'o1'))?.isInvalidated).toBe(false);
  });
});
