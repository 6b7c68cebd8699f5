import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src/shared/ipc/contract';
import { createDispatcher } from '../../../src/main/ipc/dispatcher';
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

function handlers(overrides: Partial<Handlers['orgs']> = {}): Handlers {
  const fail = async (): Promise<never> => {
    throw new Error('not used');
  };
  return {
    app: { info: fail },
    profiles: { list: fail, create: fail, update: fail, remove: fail, test: fail, addSandbox: fail },
    orgs: { list: fail, get: fail, create: fail, rename: fail, ...overrides },
  };
}

function setup(overrides: Partial<Handlers['orgs']> = {}) {
  const lines: string[] = [];
  const { dispatch, channels } = createDispatcher(
    handlers(overrides),
    createLogger((line) => lines.push(line), 'debug'),
  );
  return { dispatch, channels, lines };
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
