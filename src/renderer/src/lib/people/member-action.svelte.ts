import type { IdentityStatus, IdentityType } from '../../../../shared/api/identities';
import type { OrganizationRole } from '../../../../shared/api/users';
import type { IpcError } from '../../../../shared/ipc/result';
import { isCancelled } from '../ipc/cancellable';
import { toIpcError } from '../ipc/ipc-failure';

export type MemberAction =
  | { kind: 'role'; role?: OrganizationRole }
  | { kind: 'disable' }
  | { kind: 'enable' }
  | { kind: 'remove' }
  | { kind: 'revoke' };

/** The person an action is about, as the table showed them when the action started. */
export interface ActionTarget {
  id: string;
  email: string;
  type: IdentityType;
  role: OrganizationRole;
  status: IdentityStatus;
}

/** Why the action does not apply to this row, or `undefined` when it does. */
export function notApplicable(action: MemberAction, target: ActionTarget): string | undefined {
  if (action.kind === 'revoke') {
    return target.type === 'invitation' && target.status === 'pending'
      ? undefined
      : 'Only a pending invitation can be revoked';
  }
  if (target.type !== 'user') return 'An invitation has no account to change; revoke it instead';
  if (action.kind === 'disable' && target.status === 'disabled') return 'Already disabled';
  if (action.kind === 'enable' && target.status === 'active') return 'Already active';
  if (action.kind === 'role' && action.role !== undefined && action.role === target.role)
    return 'Already has this role';
  return undefined;
}

/** Whether the change may leave the organization without an active administrator. */
function affectsAdmins(action: MemberAction, target: ActionTarget): boolean {
  return (
    target.role === 'org_admin' && target.status === 'active' && action.kind !== 'enable' && action.kind !== 'revoke'
  );
}

export type RowState = 'waiting' | 'running' | 'done' | 'failed' | 'skipped' | 'not_run';

export interface RowResult {
  target: ActionTarget;
  state: RowState;
  /** Why it was skipped, or the failure as main reported it. */
  reason?: string;
  error?: IpcError;
}

/** At most this many changes are in flight at once; more only queues requests at the server. */
export const ACTION_CONCURRENCY = 4;

/**
 * One action over one or many people, each row with its own result. Changes that could
 * demote the last active administrator run one after another, after the rest: main checks the
 * rule before each change, and two such changes in parallel could both pass the check.
 */
export class ActionRun {
  readonly results: RowResult[] = $state([]);
  running = $state(false);
  #controller: AbortController | undefined;

  constructor(
    readonly action: MemberAction,
    targets: readonly ActionTarget[],
  ) {
    this.results = targets.map((target) => {
      const reason = notApplicable(action, target);
      return reason === undefined ? { target, state: 'waiting' } : { target, state: 'skipped', reason };
    });
  }

  get applicable(): RowResult[] {
    return this.results.filter((row) => row.state !== 'skipped');
  }

  count(state: RowState): number {
    return this.results.filter((row) => row.state === state).length;
  }

  get finished(): boolean {
    return !this.running && this.results.every((row) => row.state !== 'waiting' && row.state !== 'running');
  }

  /** Runs every waiting row (or, again, every failed one): never a row that already succeeded. */
  async run(perform: (target: ActionTarget, signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.running) return;
    for (const row of this.results) if (row.state === 'failed' || row.state === 'not_run') row.state = 'waiting';
    const waiting = this.results.filter((row) => row.state === 'waiting');
    const parallel = waiting.filter((row) => !affectsAdmins(this.action, row.target));
    const oneByOne = waiting.filter((row) => affectsAdmins(this.action, row.target));
    const controller = new AbortController();
    this.#controller = controller;
    this.running = true;
    try {
      await this.#drain(parallel, ACTION_CONCURRENCY, perform, controller.signal);
      await this.#drain(oneByOne, 1, perform, controller.signal);
    } finally {
      this.running = false;
      this.#controller = undefined;
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }

  async #drain(
    rows: RowResult[],
    width: number,
    perform: (target: ActionTarget, signal: AbortSignal) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row !== undefined; row = queue.shift()) {
        if (signal.aborted) {
          row.state = 'not_run';
          continue;
        }
        row.state = 'running';
        try {
          await perform(row.target, signal);
          row.state = 'done';
          row.error = undefined;
        } catch (error) {
          if (isCancelled(error)) row.state = 'not_run';
          else {
            row.state = 'failed';
            row.error = toIpcError(error);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(width, rows.length) }, worker));
  }
}
