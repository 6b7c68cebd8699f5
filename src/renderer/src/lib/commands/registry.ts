import type { QueryClient } from '@tanstack/svelte-query';
import { toast } from 'svelte-sonner';
import {
  APP_COMMANDS,
  APP_COMMAND_IDS,
  commandKeys,
  isHidden,
  TAB_SLOTS,
  tabSlotAccelerator,
  type AppCommandId,
} from '../../../../shared/commands/app-commands';
import type { MenuCommand } from '../../../../shared/ipc/menu';
import type { ProfileList } from '../../../../shared/ipc/profiles';
import { errorMessage } from '../ipc/describe-error';
import { handleError } from '../ipc/handle-error';
import { queryKeys } from '../queries/query-keys';
import { openLogFolder } from '../services/app.service';
import { addSandboxProfile } from '../services/profiles.service';
import { dialogs } from '../state/dialogs.svelte';
import { panels } from '../state/panels.svelte';
import { tabs } from '../state/tabs.svelte';
import { settings } from '../state/settings.svelte';
import { focusAfterTabChange } from './focus';
import { matchesAccelerator, type KeyPress } from './keys';

export interface Command {
  readonly id: AppCommandId;
  readonly label: string;
  /** Every key that runs it, the one the menu shows first. */
  readonly keys: readonly string[];
  /** Listed in the shortcuts sheet (and the palette); false while its view does not exist (`hidden`). */
  readonly listed: boolean;
  run(): void | Promise<void>;
}

/** A key that runs something: a command's, or Ctrl+1…9 for a tab slot. */
export interface KeyBinding {
  readonly accelerator: string;
  run(): void | Promise<void>;
}

export interface CommandRegistry {
  readonly commands: readonly Command[];
  readonly bindings: readonly KeyBinding[];
  /** Runs what a menu item asked for. */
  runMenuCommand(command: MenuCommand): void | Promise<void>;
}

/**
 * Every app command with what it does, for the menu's events, the keyboard and the palette alike.
 * `queryClient` is the window's cache, which Refresh refetches from.
 */
export function createCommandRegistry(queryClient: QueryClient): CommandRegistry {
  const actions: Record<AppCommandId, () => void | Promise<void>> = {
    'profile.new': () => dialogs.addProfile(),
    'profile.addSandbox': async () => {
      try {
        await addSandboxProfile(queryClient);
      } catch (error) {
        handleError(error, "Couldn't start the sandbox");
      }
    },
    'tab.close': () => {
      const active = tabs.active;
      if (!active) return;
      tabs.close(active);
      void focusAfterTabChange(active);
    },
    'tab.reopenClosed': () => {
      if (tabs.reopenClosed()) void focusAfterTabChange();
    },
    'tab.next': () => {
      tabs.cycle(1);
      void focusAfterTabChange();
    },
    'tab.previous': () => {
      tabs.cycle(-1);
      void focusAfterTabChange();
    },
    'pane.moveTab': () => {
      const active = tabs.active;
      if (!active) return;
      tabs.moveToSide(active);
      void focusAfterTabChange();
    },
    'pane.focusNext': () => {
      tabs.focusNeighbourPane(1);
      void focusAfterTabChange();
    },
    'view.refresh': () => refresh(queryClient),
    'palette.open': () => panels.show('palette'),
    'settings.open': () => panels.show('settings'),
    'theme.toggle': () => settings.toggleTheme(),
    'shortcuts.show': () => panels.show('shortcuts'),
    'activity.open': () => panels.show('activity'),
    'about.show': () => panels.show('about'),
    'logFolder.open': showLogFolder,
  };
  const commands = APP_COMMAND_IDS.map((id): Command => {
    return {
      id,
      label: APP_COMMANDS[id].label,
      keys: commandKeys(id),
      listed: !isHidden(id),
      run: actions[id],
    };
  });
  const goTo = (slot: number) => {
    tabs.goTo(slot, TAB_SLOTS);
    void focusAfterTabChange();
  };
  const bindings: KeyBinding[] = [
    ...commands.flatMap((command) => command.keys.map((accelerator) => ({ accelerator, run: command.run }))),
    ...Array.from({ length: TAB_SLOTS }, (_, at) => ({
      accelerator: tabSlotAccelerator(at + 1),
      run: () => goTo(at + 1),
    })),
  ];
  return {
    commands,
    bindings,
    runMenuCommand: (command) => (command.command === 'tab.goTo' ? goTo(command.index) : actions[command.command]()),
  };
}

/** The binding a key press runs, if any. */
export function bindingFor(bindings: readonly KeyBinding[], press: KeyPress, mac: boolean): KeyBinding | undefined {
  return bindings.find((binding) => matchesAccelerator(press, binding.accelerator, mac));
}

/**
 * Refetches what the front tab shows (its organization, people, roles, invitations, service
 * accounts and credentials): the data, never the page. With no tab open, the profiles and their
 * organization lists.
 */
async function refresh(queryClient: QueryClient): Promise<void> {
  const active = tabs.active;
  if (!active) {
    const profiles = queryClient.getQueryData<ProfileList>(queryKeys.profiles)?.profiles ?? [];
    await Promise.all(
      [queryKeys.profiles, ...profiles.map((profile) => queryKeys.orgs(profile.id))].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
    return;
  }
  const { profileId, orgId } = active;
  await Promise.all(
    [
      queryKeys.org(profileId, orgId),
      queryKeys.people(profileId, orgId),
      queryKeys.roles(profileId, orgId),
      queryKeys.invitations(profileId, orgId),
      queryKeys.serviceAccounts(profileId, orgId),
      queryKeys.credentials(profileId, orgId),
    ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
  );
}

async function showLogFolder(): Promise<void> {
  const outcome = await openLogFolder();
  if (outcome.opened) toast.success('Opened the log folder', { description: outcome.path });
  // Without a file manager the answer names the folder; the toast keeps it on screen to copy.
  else toast.info('Log folder', { description: errorMessage(outcome.error), duration: Infinity });
}
