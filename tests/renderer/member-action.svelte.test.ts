import { describe, expect, it } from 'vitest';
import {
  ACTION_CONCURRENCY,
  ActionRun,
  notApplicable,
  type ActionTarget,
} from '../../src/renderer/src/lib/people/member-action.svelte';
import { IpcFailure } from '../../src/renderer/src/lib/ipc/ipc-failure';

const member = (id: string, fields: Partial<ActionTarget> = {}): ActionTarget => ({
  id,
  email: `${id}@example.com`,
  type: 'user',
  role: 'org_member',
  status: 'active',
  ...fields,
});

const lastAdmin = new IpcFailure({ kind: 'invalid_input', message: 'only active administrator', code: 'last_admin' });

describe('which rows an action applies to', () => {
  it('skips rows it cannot change, with the reason', () => {
    const invitation = member('i', { type: 'invitation', status: 'pending' });
    expect(notApplicable({ kind: 'disable' }, invitation)).toMatch(/revoke it instead/);
    expect(notApplicable({ kind: 'revoke' }, invitation)).toBeUndefined();
    expect(notApplicable({ kind: 'revoke' }, member('u'))).toMatch(/Only a pending invitation/);
    expect(notApplicable({ kind: 'revoke' }, { ...invitation, status: 'expired' })).toMatch(/Only a pending/);
    expect(notApplicable({ kind: 'disable' }, member('u', { status: 'disabled' }))).toBe('Already disabled');
    expect(notApplicable({ kind: 'enable' }, member('u'))).toBe('Already active');
    expect(notApplicable({ kind: 'role', role: 'org_member' }, member('u'))).toBe('Already has this role');
    expect(notApplicable({ kind: 'role' }, member('u'))).toBeUndefined();
  });
});

describe('a bulk run', () => {
  it('keeps going past a failure, runs at most a few at once, and administrators one at a time, last', async () => {
    const targets = [
      member('admin-1', { role: 'org_admin' }),
      ...Array.from({ length: 10 }, (_, i) => member(`m${i}`)),
      member('admin-2', { role: 'org_admin' }),
      member('inv', { type: 'invitation', status: 'pending' }),
    ];
    const run = new ActionRun({ kind: 'disable' }, targets);
    let inFlight = 0;
    let widest = 0;
    let adminsInFlight = 0;
    const order: string[] = [];
    await run.run(async (target) => {
      inFlight += 1;
      widest = Math.max(widest, inFlight);
      if (target.role === 'org_admin') {
        adminsInFlight += 1;
        expect(adminsInFlight).toBe(1);
        expect(inFlight).toBe(1);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
      order.push(target.id);
      inFlight -= 1;
      if (target.role === 'org_admin') adminsInFlight -= 1;
      if (target.id === 'm3') throw new IpcFailure({ kind: 'network', message: 'down' });
      if (target.id === 'admin-2') throw lastAdmin;
    });
    expect(widest).toBe(ACTION_CONCURRENCY);
    expect(order.slice(-2)).toEqual(['admin-1', 'admin-2']);
    expect(run.count('done')).toBe(10);
    expect(run.count('failed')).toBe(2);
    expect(run.count('skipped')).toBe(1);
    expect(run.results.find((row) => row.target.id === 'admin-2')?.error?.code).toBe('last_admin');
    expect(run.finished).toBe(true);

    // A retry sends the failed rows only, never one that succeeded.
    const retried: string[] = [];
    await run.run(async (target) => void retried.push(target.id));
    expect(retried.sort()).toEqual(['admin-2', 'm3']);
    expect(run.count('done')).toBe(12);
  });

  it('stops on Cancel: what had not started is reported as not run', async () => {
    const run = new ActionRun(
      { kind: 'remove' },
      Array.from({ length: 12 }, (_, i) => member(`m${i}`)),
    );
    let started = 0;
    await run.run(async (_target, signal) => {
      started += 1;
      if (started === 2) run.cancel();
      if (signal.aborted) throw new IpcFailure({ kind: 'cancelled', message: 'Cancelled.', code: 'cancelled' });
    });
    expect(started).toBeLessThanOrEqual(ACTION_CONCURRENCY);
    expect(run.count('done') + run.count('not_run')).toBe(12);
    expect(run.count('not_run')).toBeGreaterThanOrEqual(12 - ACTION_CONCURRENCY);
  });
});
