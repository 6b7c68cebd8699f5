import type { z } from 'zod';
import type { CallContext } from '../../shared/ipc/calls';
import {
  MAX_PAGE_LIMIT,
  type ExportFormat,
  type PeopleExportInput,
  type PeopleExportResult,
} from '../../shared/ipc/people';
import { matchesStatus, sortIdentities } from '../../shared/people/identity-order';
import { statusAt } from '../../shared/people/invitation-expiry';
import type { KeycardClient } from '../api';
import { writeFileAtomically } from '../atomic-file';
import type { ClientRegistry } from '../connections/client-registry';
import { OrgdeskError } from '../errors';
import type { Logger } from '../log';
import { exportFileName, exportRow, serialise, type ExportRow } from './export-format';

export interface SaveFileRequest {
  /** A file name (no folder) to offer, e.g. `acme-people-2026-11-25.csv`. */
  defaultName: string;
  format: ExportFormat;
}

/** Asks the user where to save; `undefined` when they cancel. In the app: Electron's save dialog. */
export type SaveFile = (request: SaveFileRequest) => Promise<string | undefined>;

/**
 * The most rows one export writes: well past the 10,000 people the app is built for, small enough
 * that the rows, the text and the write fit in memory at once (about 60 MB).
 */
export const MAX_EXPORT_ROWS = 200_000;

/** The input as the contract parsed it (the search trimmed, blank dropped). */
type ExportRequest = z.output<typeof PeopleExportInput>;

/**
 * Exports the People list to a file the user picks. Nothing is read from the server before the
 * user has chosen where to save, and the file is written only once every page is in, through a
 * temporary file, so a cancelled or failed export leaves nothing behind.
 */
export class PeopleExporter {
  constructor(
    private readonly clients: ClientRegistry,
    private readonly saveFile: SaveFile,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async export(request: ExportRequest, call: CallContext): Promise<PeopleExportResult> {
    // The profile first: it is local, and a missing one should not cost the user a dialog.
    const client = await this.clients.forProfile(request.profileId);
    const defaultName = exportFileName(request.orgId, request.format, new Date(this.now()));
    const path = await this.saveFile({ defaultName, format: request.format });
    if (path === undefined) return { saved: false };
    // The dialog may have stayed open past a cancel or the deadline: then nothing more happens.
    call.signal.throwIfAborted();
    const started = performance.now();
    const rows = await this.#rows(client, request, call);
    const text = serialise(rows, request.format);
    call.signal.throwIfAborted();
    await writeExport(path, text);
    this.logger.info('people.exported', {
      format: request.format,
      rows: rows.length,
      ms: Math.round(performance.now() - started),
    });
    return { saved: true, path, count: rows.length };
  }

  async #rows(client: KeycardClient, request: ExportRequest, call: CallContext): Promise<ExportRow[]> {
    const { orgId, email, role } = request;
    await refuseIfTooMany(client, request, call);
    const { items } = await client.organizations.identities.listAll(
      orgId,
      // One page past the cap, so a list that grew since the count is still caught below, by name.
      { email, role, limit: MAX_PAGE_LIMIT, expand: [], maxPages: Math.ceil(MAX_EXPORT_ROWS / MAX_PAGE_LIMIT) + 1 },
      call,
    );
    if (items.length > MAX_EXPORT_ROWS) throw tooMany(items.length);
    // Invitations are read only when the list holds one: members have no expiry to join.
    const expiries = items.some((identity) => identity.type === 'invitation')
      ? await invitationExpiries(client, orgId, call)
      : new Map<string, string>();
    const now = this.now();
    const rows = items.map((identity) => {
      const expiresAt = identity.type === 'invitation' ? expiries.get(identity.id) : undefined;
      return exportRow(identity, statusAt(identity.status, expiresAt, now), expiresAt);
    });
    return sortIdentities(
      rows.filter((row) => matchesStatus(row, request.status)),
      request.sort,
    );
  }
}

/** One row's worth of request for the count, so a list past the cap is refused before it is walked. */
async function refuseIfTooMany(client: KeycardClient, request: ExportRequest, call: CallContext): Promise<void> {
  const { orgId, email, role } = request;
  const first = await client.organizations.identities.list(
    orgId,
    { email, role, limit: 1, expand: ['total_count'] },
    call,
  );
  const total = first.pagination.total_count;
  if (total !== undefined && total > MAX_EXPORT_ROWS) throw tooMany(total);
}

function tooMany(count: number): OrgdeskError {
  return new OrgdeskError(
    'invalid_input',
    `The list holds ${count.toLocaleString('en-US')} people; Orgdesk exports at most ${MAX_EXPORT_ROWS.toLocaleString('en-US')} at once. Narrow it with a search or a role filter.`,
    { code: 'export_too_large' },
  );
}

async function invitationExpiries(
  client: KeycardClient,
  orgId: string,
  call: CallContext,
): Promise<Map<string, string>> {
  const { items } = await client.organizations.invitations.listAll(orgId, { limit: MAX_PAGE_LIMIT, expand: [] }, call);
  return new Map(items.map((invitation) => [invitation.id, invitation.expires_at]));
}

const WRITE_PROBLEMS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'Orgdesk is not allowed to write there',
  EPERM: 'Orgdesk is not allowed to write there',
  EROFS: 'the disk is read-only',
  EISDIR: 'a folder has that name',
  ENOTEMPTY: 'a folder has that name',
  ENOENT: 'the folder no longer exists',
  ENOTDIR: 'part of the path is not a folder',
  ENAMETOOLONG: 'the name is too long',
};

/** Writes an export all or nothing, with what went wrong said in words when the system refuses it. */
export async function writeExport(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomically(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      (code === undefined ? undefined : WRITE_PROBLEMS[code]) ?? `the system refused it (${code ?? 'unknown error'})`;
    throw new OrgdeskError(
      'file',
      `Orgdesk could not save ${path}: ${why}. Nothing was written; choose another place.`,
      {
        code: 'write_failed',
        cause: error,
      },
    );
  }
}
