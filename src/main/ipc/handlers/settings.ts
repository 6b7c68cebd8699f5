import type { Handlers } from '../../../shared/ipc/contract';
import type { SettingsStore } from '../../settings/settings-store';

export function settingsHandlers(settings: SettingsStore): Handlers['settings'] {
  return {
    get: () => settings.get(),
    update: (change) => settings.update(change),
  };
}
