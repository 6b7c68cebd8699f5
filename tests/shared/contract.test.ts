import { describe, expect, it } from 'vitest';
import { listChannels } from '../../src/shared/ipc/channel';
import { contract, events } from '../../src/shared/ipc/contract';
import { EVENTS_KEY, listEvents } from '../../src/shared/ipc/event';
import { MenuCommand } from '../../src/shared/ipc/menu';
import { OrganizationName } from '../../src/shared/api/organizations';
import { ProfileCreateInput, ProfileTestInput, ProfileUpdateInput, ProfileView } from '../../src/shared/ipc/profiles';
import { OrgRenameInput } from '../../src/shared/ipc/organizations';

const PROFILE_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('IPC contract', () => {
  it('names every channel domain:verb, uniquely', () => {
    const names = listChannels(contract).map(([, , name]) => name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-zA-Z]*:[a-zA-Z]+$/);
    expect(names).toContain('orgs:rename');
  });

  it('names every event event:domain:name, apart from every invoke channel and the events key', () => {
    const names = listEvents(events).map(([, , name]) => name);
    expect(names).toContain('event:menu:command');
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^event:[a-z][a-zA-Z]*:[a-zA-Z]+$/);
    const invokes = new Set(listChannels(contract).map(([, , name]) => name));
    for (const name of names) expect(invokes.has(name)).toBe(false);
    expect(Object.keys(contract)).not.toContain(EVENTS_KEY);
  });

  it('takes menu commands by ID, and a tab slot only from 1 to 9', () => {
    expect(MenuCommand.parse({ command: 'tab.next' })).toEqual({ command: 'tab.next' });
    expect(MenuCommand.parse({ command: 'tab.goTo', index: 9 })).toEqual({ command: 'tab.goTo', index: 9 });
    for (const bad of [
      { command: 'tab.goTo', index: 0 },
      { command: 'tab.goTo', index: 1.5 },
      { command: 'quit' },
      {},
    ]) {
      expect(MenuCommand.safeParse(bad).success).toBe(false);
    }
  });

  it('defaults the base URL, trims it and drops the trailing slash', () => {
    const parsed = ProfileCreateInput.parse({
      name: ' Acme ',
      color: '#2563eb',
      authKind: 'bearer',
      token: 'eyJ',
    });
    expect(parsed).toMatchObject({ name: 'Acme', baseUrl: 'https://api.keycard.ai' });
    expect(ProfileCreateInput.parse({ ...parsed, baseUrl: 'http://127.0.0.1:4010/ ' }).baseUrl).toBe(
      'http://127.0.0.1:4010',
    );
  });

  it('says which field is wrong in a profile form', () => {
    const result = ProfileCreateInput.safeParse({
      name: '',
      baseUrl: 'api.keycard.ai',
      color: 'blue',
      authKind: 'client_credentials',
      clientId: '',
      clientSecret: '',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({
      name: 'Give the profile a name',
      baseUrl: 'Enter a full URL such as https://api.keycard.ai',
      color: 'Pick a colour',
      clientId: 'Enter the client ID',
      clientSecret: 'Enter the client secret',
    });
  });

  it('refuses non-http URLs and unknown auth kinds', () => {
    expect(
      ProfileCreateInput.safeParse({
        name: 'x',
        baseUrl: 'file:///etc/passwd',
        color: '#000000',
        authKind: 'bearer',
        token: 't',
      }).success,
    ).toBe(false);
    expect(ProfileCreateInput.safeParse({ name: 'x', color: '#000000', authKind: 'sandbox' }).success).toBe(false);
    const plain = ProfileCreateInput.safeParse({
      name: 'x',
      baseUrl: 'http://keycard.internal',
      color: '#000000',
      authKind: 'bearer',
      token: 't',
    });
    expect(plain.error?.issues[0]?.message).toBe('Use https:// (plain http:// is only allowed for localhost)');
    for (const local of ['http://localhost:4010', 'http://127.0.0.1:4010', 'http://[::1]:4010'])
      expect(
        ProfileCreateInput.safeParse({ name: 'x', baseUrl: local, color: '#000000', authKind: 'bearer', token: 't' })
          .success,
      ).toBe(true);
  });

  it('lets an edit leave the secret empty and a test carry unsaved changes', () => {
    expect(ProfileUpdateInput.parse({ id: PROFILE_ID, clientSecret: '' }).clientSecret).toBe('');
    expect(ProfileTestInput.parse({ id: PROFILE_ID, changes: { baseUrl: 'https://staging.keycard.ai/' } })).toEqual({
      id: PROFILE_ID,
      changes: { baseUrl: 'https://staging.keycard.ai' },
    });
  });

  it('strips anything but the declared fields from a profile view (no secret can ride along)', () => {
    const view = ProfileView.parse({
      id: PROFILE_ID,
      name: 'Acme',
      baseUrl: 'https://api.keycard.ai',
      color: '#2563eb',
      authKind: 'client_credentials',
      clientId: 'sa',
      secretStored: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      clientSecret: 'leak',
    });
    expect(view).not.toHaveProperty('clientSecret');
  });

  it('validates organization names the same way in the form and in main', () => {
    expect(OrganizationName.safeParse('   ').error?.issues[0]?.message).toBe('Name is required');
    expect(OrganizationName.safeParse('x'.repeat(256)).success).toBe(false);
    expect(OrgRenameInput.safeParse({ profileId: PROFILE_ID, orgId: 'acme-robotics', name: ' New ' }).data?.name).toBe(
      'New',
    );
  });
});
