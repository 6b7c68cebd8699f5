import type { Settings, SettingsUpdate } from '../../../../shared/ipc/settings';
import { orgdesk } from '../ipc/bridge';
import { unwrap } from '../ipc/ipc-failure';

/** The settings main keeps in settings.json; defaults for any it could not read. */
export async function getSettings(): Promise<Settings> {
  return unwrap(await orgdesk().settings.get());
}

/** Saves the fields given; answers every setting as now in force. */
export async function updateSettings(change: SettingsUpdate): Promise<Settings> {
  return unwrap(await orgdesk().settings.update(change));
}
