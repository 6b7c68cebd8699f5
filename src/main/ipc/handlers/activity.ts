import type { Handlers } from '../../../shared/ipc/contract';
import type { ActivityExporter } from '../../activity/activity-export';
import type { ActivityLog } from '../../activity/activity-log';

/** The activity log: read, export and clear what main recorded of its API requests. */
export function activityHandlers(log: ActivityLog, exporter: ActivityExporter): Handlers['activity'] {
  return {
    list: async (input) => log.list(input),
    export: (input, call) => exporter.export(input, call),
    clear: async () => ({ cleared: log.clear() }),
  };
}
