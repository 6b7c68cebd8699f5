import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProfileForm } from '../../src/renderer/src/lib/state/profile-form.svelte';
import { PROFILE_COLORS } from '../../src/shared/ipc/profiles';
import type { IpcResult } from '../../src/shared/ipc/result';
import { installFakeBridge } from './support/fake-bridge';

afterEach(() => {
  vi.unstubAllGlobals();
});

const refused: IpcResult<never> = {
  ok: false,
  error: { kind: 'auth', message: 'The server refused the client ID and secret', status: 401, requestId: 'req-1' },
};
const connected = { ok: true as const, value: { organizationCount: 2, organizations: [], elapsedMs: 12 } };

function filledForm(): ProfileForm {
  const form = new ProfileForm();
  form.name = 'Staging';
  form.baseUrl = 'https://staging.example.com';
  form.clientId = 'sa_123';
  form.clientSecret = 'wrong-secret';
  return form;
}

describe('a profile form whose connection test failed', () => {
  it('asks before saving, then saves on the second request', async () => {
    const bridge = installFakeBridge();
    bridge.answer('profiles:test', async () => refused);
    const form = filledForm();
    expect(await form.runTest()).toBe(true);
    expect(form.testFailure?.status).toBe(401);

    expect(form.requestSave()).toBe('confirm');
    expect(form.confirmingSave).toBe(true);
    expect(form.requestSave()).toBe('save');
    expect(form.confirmingSave).toBe(false);
  });

  it('"Keep editing" puts the question away, and the next Save asks again', async () => {
    installFakeBridge().answer('profiles:test', async () => refused);
    const form = filledForm();
    await form.runTest();
    expect(form.requestSave()).toBe('confirm');
    form.keepEditing();
    expect(form.confirmingSave).toBe(false);
    expect(form.requestSave()).toBe('confirm');
  });

  it('keeps the failure while only the name or colour change, and drops it once the connection settings do', async () => {
    installFakeBridge().answer('profiles:test', async () => refused);
    const form = filledForm();
    await form.runTest();
    form.name = 'Staging EU';
    form.color = '#16a34a';
    expect(form.testFailure).not.toBeNull();

    form.clientSecret = 'the-right-secret';
    expect(form.testOutcome).toBeNull();
    expect(form.requestSave()).toBe('save');
  });

  it('saves without asking after a test that passed, or with no test at all', async () => {
    installFakeBridge().answer('profiles:test', async () => connected);
    const untested = filledForm();
    expect(untested.requestSave()).toBe('save');
    const tested = filledForm();
    await tested.runTest();
    expect(tested.testOutcome).toMatchObject({ ok: true });
    expect(tested.requestSave()).toBe('save');
  });
});

describe('testing the connection', () => {
  it('leaves no outcome when cancelled, and is no longer testing', async () => {
    installFakeBridge().hang('profiles:test');
    const form = filledForm();
    const controller = new AbortController();
    const test = form.runTest(controller.signal);
    expect(form.testing).toBe(true);
    controller.abort();
    expect(await test).toBe(true);
    expect(form.testing).toBe(false);
    expect(form.testOutcome).toBeNull();
    expect(form.requestSave()).toBe('save');
  });

  it('sends nothing when the form does not validate', async () => {
    const bridge = installFakeBridge();
    const form = filledForm();
    form.name = '   ';
    expect(await form.runTest()).toBe(false);
    expect(bridge.calls).toEqual([]);
    expect(form.errorFor('name')).toBe('Give the profile a name');
  });
});

describe('a new profile', () => {
  it('takes the first colour no other profile wears, and comes round again once all are taken', () => {
    expect(new ProfileForm(null, []).color).toBe(PROFILE_COLORS[0]);
    expect(new ProfileForm(null, [PROFILE_COLORS[0]!.toUpperCase(), PROFILE_COLORS[2]!]).color).toBe(PROFILE_COLORS[1]);
    expect(new ProfileForm(null, [...PROFILE_COLORS, PROFILE_COLORS[0]!]).color).toBe(PROFILE_COLORS[1]);
  });

  it('sends its environment when one is picked, and none otherwise', () => {
    const form = filledForm();
    expect(form.createInput()).not.toHaveProperty('environment');
    form.environment = 'production';
    expect(form.createInput()).toMatchObject({ environment: 'production' });
    expect(form.validate()).toBe(true);
  });
});

describe('editing a profile', () => {
  const saved = {
    id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    name: 'Acme',
    baseUrl: 'https://api.keycard.ai',
    color: '#dc2626',
    environment: 'production' as const,
    authKind: 'client_credentials' as const,
    clientId: 'sa_1',
    secretStored: true,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
  };

  it('keeps its colour and environment, and "None" takes the environment off', () => {
    const form = new ProfileForm(saved, ['#2563eb']);
    expect(form.color).toBe('#dc2626');
    expect(form.updateInput()).toMatchObject({ environment: 'production' });
    form.environment = '';
    expect(form.updateInput()).toMatchObject({ environment: null });
  });

  it('leaves the sandbox environment alone', () => {
    const form = new ProfileForm({ ...saved, authKind: 'sandbox', environment: 'sandbox' });
    expect(form.updateInput()).not.toHaveProperty('environment');
  });
});
