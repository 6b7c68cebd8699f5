import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../src/shared/ipc/contract';
import { ABORT_GRACE_MS, createDispatcher } from '../../../src/main/ipc/dispatcher';
import { CallRegistry } from '../../../src/main/ipc/calls';
import { callHandlers } from '../../../src/main/ipc/handlers/calls';
import { OrgdeskError } from '../../../src/main/errors';
import { createLogger } from '../../../src/main/log';

const PROFILE_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const organization = {
  id: 'a'.repeat(26),
  name: 'Acme',
  label: 'acme',
  sso_enabled: false,
  created_at: '2026-01-05T09:00:00.000Z',
  updated_at: '2026-01-05T09:00:00.000Z',
};

function handlers(calls: CallRegistry, overrides: Partial<Handlers['orgs']> = {}): Handlers {
  const fail = async (): Promise<never> => {
    throw new Error('not used');
  };
  return {
    app: { info: fail, openLogFolder: fail },
    calls: callHandlers(calls),
    profiles: { list: fail, create: fail, update: fail, remove: fail, test: fail, addSandbox: fail },
    orgs: { list: fail, get: fail, create: fail, rename: fail, token: fail, copyToken: fail, ...overrides },
    people: {
      identities: fail,
      roles: fail,
      updateMember: fail,
      removeMember: fail,
      invite: fail,
      revokeInvitation: fail,
      invitations: fail,
      export: fail,
    },
    serviceAccounts: { list: fail, create: fail, update: fail, remove: fail },
    session: { restore: fail, saveWorkspace: fail },
    settings: { get: fail, update: fail },
    sso: { get: fail, discover: fail, enable: fail, update: fail, disable: fail, check: fail },
    compare: { run: fail, export: fail },
    credentials: {
      list: fail,
      create: fail,
      update: fail,
      saveSecret: fail,
      forgetSecret: fail,
      copySecret: fail,
      revealSecret: fail,
      revoke: fail,
      useAsProfile: fail,
      rotate: fail,
      rotations: fail,
      rotation: fail,
      rotationAction: fail,
      inventory: fail,
      forgetHeld: fail,
    },
    activity: { list: fail, export: fail, clear: fail },
  };
}

function setup(overrides: Partial<Handlers['orgs']> = {}) {
  const lines: string[] = [];
  const calls = new CallRegistry();
  const { dispatch, channels } = createDispatcher(
    handlers(calls, overrides),
    createLogger((line) => lines.push(line), 'debug'),
    calls,
  );
  return { dispatch, channels, lines, calls };
}

describe('IPC dispatcher', () => {
  it('registers a handler for every contract channel', () => {
    expect(setup().channels).toContain('profiles:addSandbox');
  });

  it('answers an unknown channel with a typed error', async () => {
    await expect(setup().dispatch('shell:exec', {})).resolves.toEqual({
      ok: false,
      error: { kind: 'invalid_input', message: 'Unknown operation: shell:exec' },
    });
  });

  it('rejects a bad payload field by field without calling the handler', async () => {
    let called = false;
    const { dispatch } = setup({
      rename: async () => {
        called = true;
        return organization;
      },
    });
    const result = await dispatch('orgs:rename', { profileId: 'nope', orgId: '', name: 42 });
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid_input');
    expect(result.error.fields?.map((f) => f.path).sort()).toEqual(['name', 'orgId', 'profileId']);
  });

  it('passes the parsed input and strips unknown output fields', async () => {
    const { dispatch } = setup({ get: async ({ orgId }) => ({ ...organization, label: orgId, internal: 'x' }) });
    const result = await dispatch('orgs:get', { profileId: PROFILE_ID, orgId: ' acme ' });
    expect(result).toEqual({ ok: true, value: { ...organization, label: 'acme' } });
  });

  it('turns an expected error into its envelope', async () => {
    const { dispatch } = setup({
      get: async () => {
        throw new OrgdeskError('api', 'Organization not found', { status: 404, code: 'not_found', requestId: 'req-1' });
      },
    });
    await expect(dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' })).resolves.toEqual({
      ok: false,
      error: { kind: 'api', message: 'Organization not found', status: 404, code: 'not_found', requestId: 'req-1' },
    });
  });

  it('hides the details of a crash from the renderer but logs them', async () => {
    const { dispatch, lines } = setup({
      get: async () => {
        throw new TypeError('cannot read properties of undefined at /home/me/secret-path.ts:3');
      },
    });
    const result = await dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Something went wrong inside Orgdesk; see the log' },
    });
    expect(lines.join('\n')).toContain('cannot read properties');
  });

  it('never lets a handler answer outside its output schema', async () => {
    const { dispatch } = setup({ get: async () => ({ ...organization, sso_enabled: 'yes' }) as never });
    const result = await dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });

  it('does not log a rejected payload value', async () => {
    const { dispatch, lines } = setup();
    await dispatch('profiles:create', { name: 'x', authKind: 'client_credentials', clientId: 'id', clientSecret: 7 });
    expect(lines.join('\n')).not.toContain('"7"');
    await dispatch('profiles:create', { name: '', color: 'x', authKind: 'bearer', token: 'tok_should_not_log' });
    expect(lines.join('\n')).not.toContain('tok_should_not_log');
  });
});

describe('IPC dispatcher: every call answers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const CALL_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const never = (): Promise<never> => new Promise(() => undefined);

  it('answers a call stuck anywhere once its deadline and the grace period pass, naming the limit', async () => {
    vi.useFakeTimers();
    const { dispatch, calls } = setup({ get: never });
    let answer: unknown;
    void dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' }).then((result) => (answer = result));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(ABORT_GRACE_MS);
    expect(answer).toEqual({
      ok: false,
      error: {
        kind: 'timeout',
        code: 'deadline',
        message: 'Orgdesk stopped waiting after 30 s, the limit for one action.',
      },
    });
    expect(calls.size).toBe(0);
  });

  it("uses the channel's own deadline and lets the handler explain the abort itself", async () => {
    vi.useFakeTimers();
    const { dispatch } = setup({
      list: (_input, call) =>
        new Promise((_resolve, reject) =>
          call.signal.addEventListener('abort', () =>
            reject(new OrgdeskError('timeout', `server did not answer within ${call.deadline.ms} ms`)),
          ),
        ),
    });
    let answer: unknown;
    void dispatch('orgs:list', { profileId: PROFILE_ID }).then((result) => (answer = result));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(answer).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(answer).toEqual({ ok: false, error: { kind: 'timeout', message: 'server did not answer within 60000 ms' } });
  });

  it('cancels a call by the ID the renderer gave it', async () => {
    let seen: AbortSignal | undefined;
    const { dispatch, calls } = setup({
      get: (_input, call) => {
        seen = call.signal;
        return never();
      },
    });
    const pending = dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' }, CALL_ID);
    await vi.waitFor(() => expect(calls.size).toBe(1));
    await expect(dispatch('calls:cancel', { callId: CALL_ID })).resolves.toEqual({
      ok: true,
      value: { cancelled: true },
    });
    expect(seen?.aborted).toBe(true);
    await expect(pending).resolves.toEqual({
      ok: false,
      error: { kind: 'cancelled', code: 'cancelled', message: 'Cancelled.' },
    });
    expect(calls.size).toBe(0);
    await expect(dispatch('calls:cancel', { callId: CALL_ID })).resolves.toEqual({
      ok: true,
      value: { cancelled: false },
    });
  });

  it('ignores a call ID that is not a UUID or already in use', async () => {
    const { dispatch, calls } = setup({ get: never });
    void dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' }, { toString: () => CALL_ID });
    void dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' }, 'not-a-uuid');
    void dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' }, CALL_ID);
    void dispatch('orgs:get', { profileId: PROFILE_ID, orgId: 'x' }, CALL_ID);
    await vi.waitFor(() => expect(calls.size).toBe(1));
    await expect(dispatch('calls:cancel', { callId: 'not-a-uuid' })).resolves.toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });
  });
});
