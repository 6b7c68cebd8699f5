import type { z } from 'zod';
import type { CompareExportInput, CompareExportResult } from '../../shared/ipc/compare';
import type { CallContext } from '../../shared/ipc/calls';
import type { Logger } from '../log';
import { writeExport, type SaveFile } from '../people/people-export';
import type { ProfileService } from '../profiles/profile-service';
import type { CompareService } from './compare-service';
import { compareFileName, differenceCount, serialiseComparison } from './compare-format';

type ExportRequest = z.output<typeof CompareExportInput>;

/**
 * Saves a comparison where the user picks. As with the People export, nothing is read before
 * the user has chosen the file, and the file is written whole through a temporary one. The
 * comparison is made again here rather than sent back by the window, which holds no data it
 * could be trusted to write.
 */
export class CompareExporter {
  constructor(
    private readonly compare: Pick<CompareService, 'compare'>,
    private readonly profiles: Pick<ProfileService, 'get'>,
    private readonly saveFile: SaveFile,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async export(request: ExportRequest, call: CallContext): Promise<CompareExportResult> {
    // Both profiles first: they are local, and a missing one should not cost the user a dialog.
    await Promise.all([this.profiles.get(request.a.profileId), this.profiles.get(request.b.profileId)]);
    const defaultName = compareFileName(request.a.orgId, request.b.orgId, request.format, new Date(this.now()));
    const path = await this.saveFile({ defaultName, format: request.format });
    if (path === undefined) return { saved: false };
    call.signal.throwIfAborted();
    const result = await this.compare.compare({ a: request.a, b: request.b }, call);
    const text = serialiseComparison(result, request.format);
    call.signal.throwIfAborted();
    await writeExport(path, text);
    const differences = differenceCount(result);
    this.logger.info('compare.exported', { format: request.format, differences });
    return { saved: true, path, differences };
  }
}
