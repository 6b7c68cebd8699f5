import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../atomic-file';
import { OrgdeskError } from '../errors';
import type { Logger } from '../log';
import { RotationTarget, StepError, StepStatus } from '../../shared/ipc/rotation';
export { ROTATION_STEPS, RotationStep, RotationTarget, StepError, StepStatus } from '../../shared/ipc/rotation';

/** The five steps of a rotation, in order. */
export const StepRecord = z.object({
  status: StepStatus,
  at: z.iso.datetime().optional(),
  error: StepError.optional(),
});
export type StepRecord = z.infer<typeof StepRecord>;

/**
 * - running: under way (in a later process: interrupted, Orgdesk stopped mid-way)
 * - failed: stopped at a step; resume, check or clean up
 * - done: every step done
 * - nothing_created: step 1 was refused, so there is nothing to undo
 * - cleaned_up: the unused new credential and its keychain item were deleted
 * - dismissed: the user closed the report without finishing it
 */
export const RotationOutcome = z.enum(['running', 'failed', 'done', 'nothing_created', 'cleaned_up', 'dismissed']);
export type RotationOutcome = z.infer<typeof RotationOutcome>;

const KeycardId = z.string().min(1).max(255);

export const RotationRecord = z.object({
  id: z.uuid(),
  target: RotationTarget,
  newName: z.string().min(1).max(255),
  /** Known once step 1 answered (or a check found it): its ID and client ID, never its secret. */
  newCredential: z.object({ id: KeycardId, clientId: KeycardId }).optional(),
  /** The profiles that sign in with the new credential after step 4. */
  repointed: z.array(z.string()).optional(),
  steps: z.object({
    create: StepRecord,
    store: StepRecord,
    verify: StepRecord,
    repoint: StepRecord,
    revoke: StepRecord,
  }),
  /** A problem not tied to one step: the journal could not be written, a check or clean-up failed. */
  problem: StepError.optional(),
  outcome: RotationOutcome,
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type RotationRecord = z.infer<typeof RotationRecord>;

export const RotationsFile = z.object({ version: z.literal(1), rotations: z.array(RotationRecord) });
export type RotationsFile = z.infer<typeof RotationsFile>;

/** Finished rotations kept for the record; unfinished ones are always kept. */
export const FINISHED_KEPT = 20;

/**
 * `credential-rotations.json` in the user-data folder: each rotation's progress, written
 * (atomically) before and after every step, so a restart knows what was sent and what was
 * confirmed. It holds IDs, names, step states and error messages, never a secret. A file that
 * cannot be read as a journal is moved aside (kept, reported) and the app starts with none.
 */
export class RotationJournal {
  readonly path: string;
  readonly problems: string[] = [];

  constructor(
    userDataDir: string,
    private readonly logger: Logger,
  ) {
    this.path = join(userDataDir, 'credential-rotations.json');
  }

  async read(): Promise<RotationRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return [];
      throw new OrgdeskError(
        'file',
        `Orgdesk could not read its credential rotation record ${this.path} (${code ?? 'unknown error'}). Check that it is a file you can read, then retry.`,
        { code: 'rotations_unreadable', cause: error },
      );
    }
    let reason = 'it is not valid JSON';
    try {
      const parsed = RotationsFile.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data.rotations;
      reason = 'it does not match the expected format';
    } catch {
      // reason stays
    }
    const movedTo = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, movedTo);
    this.logger.error('rotations.corrupt_file', { movedTo, reason });
    this.problems.push(
      `The record of credential rotations could not be read because ${reason}. It was kept as ${movedTo}; check the credentials of any rotation that was under way.`,
    );
    return [];
  }

  async write(rotations: readonly RotationRecord[]): Promise<void> {
    const text = `${JSON.stringify(RotationsFile.parse({ version: 1, rotations: keep(rotations) }), null, 2)}\n`;
    try {
      await this.writeText(text);
    } catch (error) {
      throw new OrgdeskError(
        'file',
        `Orgdesk could not record the rotation's progress in ${this.path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
        { code: 'rotations_unwritable', cause: error },
      );
    }
  }

  /** The disk write itself; tests stand in a full disk here. */
  protected async writeText(text: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomically(this.path, text, { mode: 0o600 });
  }
}

/** Every unfinished rotation and the latest finished ones, oldest first. */
function keep(rotations: readonly RotationRecord[]): RotationRecord[] {
  const finished = rotations.filter((r) => r.outcome !== 'running' && r.outcome !== 'failed');
  const dropped = new Set(finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT)));
  return rotations.filter((r) => !dropped.has(r));
}
