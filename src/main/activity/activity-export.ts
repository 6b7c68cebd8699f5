import type { CallContext } from '../../shared/ipc/calls';
import type { ActivityEntry, ActivityExportInput, ActivityExportResult } from '../../shared/ipc/activity';
import type { z } from 'zod';
import { csvOf, localDay } from '../people/export-format';
import { writeExport, type SaveFile } from '../people/people-export';
import type { Logger } from '../log';
import type { ActivityLog } from './activity-log';

/** The CSV's columns: when and whose first, the request ID for support last. */
export const ACTIVITY_CSV_COLUMNS = [
  'at',
  'profileName',
  'orgId',
  'method',
  'path',
  'status',
  'failure',
  'ms',
  'retry',
  'requestId',
  'profileId',
] as const satisfies ReadonlyArray<keyof ActivityEntry>;

/**
 * Writes the activity log, as filtered, to a file the user picks: the one way any of it reaches
 * the disk. The entries are taken when the user has chosen, newest first as the view shows them.
 */
export class ActivityExporter {
  constructor(
    private readonly log: ActivityLog,
    private readonly saveFile: SaveFile,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async export(request: z.output<typeof ActivityExportInput>, call: CallContext): Promise<ActivityExportResult> {
    const defaultName = `${request.orgLabel ?? request.orgId ?? 'orgdesk'}-activity-${localDay(new Date(this.now()))}.${request.format}`;
    const path = await this.saveFile({ defaultName, format: request.format });
    if (path === undefined) return { saved: false };
    call.signal.throwIfAborted();
    const { format, ...filter } = request;
    const entries = this.log.all(filter);
    const text = format === 'csv' ? csvOf(ACTIVITY_CSV_COLUMNS, entries) : `${JSON.stringify(entries, null, 2)}\n`;
    await writeExport(path, text);
    this.logger.info('activity.exported', { format, rows: entries.length });
    return { saved: true, path, count: entries.length };
  }
}
