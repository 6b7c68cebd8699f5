import { QueryClient } from '@tanstack/svelte-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Organization } from '../../src/shared/api/organizations';
import type { IpcResult } from '../../src/shared/ipc/result';
import { isCancelled } from '../../src/renderer/src/lib/ipc/cancellable';
import { queryKeys } from '../../src/renderer/src/lib/queries/query-keys';
import {
  createOrganization,
  isOutcomeUnknown,
  renameOrganization,
} from '../../src/renderer/src/lib/services/orgs.service';
import { sidebar } from '../../src/renderer/src/lib/state/sidebar.svelte';
import { tabs } from '../../src/renderer/src/lib/state/tabs.svelte';
import { installFakeBridge } from './support/fake-bridge';

const PROFILE = 'profile-1';

const org = (fields: Partial<Organization> = {}): Organization => ({
  id: 'org-1',
  name: 'Northwind',
  label: 'northwind',
  sso_enabled: false,
  created_at: '2026-01-05T13:00:00.000Z',
  updated_at: '2026-01-05T13:00:00.000Z',
  ...fields,
});

const lostAnswer: IpcResult<never> = {
  ok: false,
  error: {
    kind: 'network',
    code: 'outcome_unknown',
    message:
      'The connection to the server was reset. The organization may have been created: refresh before trying again.',
  },
};

let client: QueryClient;

beforeEach(() => {
  client = new QueryClient();
  client.setQueryData(queryKeys.orgs(PROFILE), { items: [] });
});

afterEach(() => {
  client.clear();
  for (const tab of [...tabs.tabs]) tabs.close(tab);
  sidebar.forget(PROFILE);
  vi.unstubAllGlobals();
});

const listInvalidated = () => client.getQueryState(queryKeys.orgs(PROFILE))?.isInvalidated;

describe('createOrganization', () => {
  it('lists, opens and caches the new organization', async () => {
    installFakeBridge().answer('orgs:create', async () => ({ ok: true, value: org() }));
    await createOrganization(client, PROFILE, 'Northwind');
    expect(client.getQueryData(queryKeys.org(PROFILE, 'org-1'))).toEqual(org());
    expect(listInvalidated()).toBe(true);
    expect(sidebar.isExpanded(PROFILE)).toBe(true);
    expect(tabs.isShowing(PROFILE, 'org-1')).toBe(true);
  });

  it('reads the list again when the answer was lost, since the organization may exist', async () => {
    installFakeBridge().answer('orgs:create', async () => lostAnswer);
    const failure = await createOrganization(client, PROFILE, 'Northwind').catch((error: unknown) => error);
    expect(isOutcomeUnknown(failure)).toBe(true);
    expect(listInvalidated()).toBe(true);
    expect(tabs.tabs).toEqual([]);
  });

  it('reads the list again when the user stopped waiting', async () => {
    installFakeBridge().hang('orgs:create');
    const controller = new AbortController();
    const creating = createOrganization(client, PROFILE, 'Northwind', controller.signal);
    controller.abort();
    expect(isCancelled(await creating.catch((error: unknown) => error))).toBe(true);
    expect(listInvalidated()).toBe(true);
  });

  it('leaves the list alone when the server refused the create', async () => {
    installFakeBridge().answer('orgs:create', async () => ({
      ok: false,
      error: { kind: 'api', status: 422, message: 'Name taken' },
    }));
    await expect(createOrganization(client, PROFILE, 'Northwind')).rejects.toThrow('Name taken');
    expect(listInvalidated()).toBe(false);
  });
});

describe('renameOrganization', () => {
  const ref = { profileId: PROFILE, orgId: 'org-1' };

  it('shows the new name in the view and the tab, keeping the permissions the answer left out', async () => {
    client.setQueryData(queryKeys.org(PROFILE, 'org-1'), org({ permissions: { organizations: { update: true } } }));
    tabs.open(PROFILE, 'org-1', 'Northwind');
    installFakeBridge().answer('orgs:rename', async () => ({ ok: true, value: org({ name: 'Northwind EU' }) }));
    await renameOrganization(client, ref, 'Northwind EU');
    expect(client.getQueryData(queryKeys.org(PROFILE, 'org-1'))).toMatchObject({
      name: 'Northwind EU',
      permissions: { organizations: { update: true } },
    });
    expect(tabs.tabs[0]?.title).toBe('Northwind EU');
    expect(listInvalidated()).toBe(true);
  });

  it('reads the organization again when the user stopped waiting, since the rename may have landed', async () => {
    client.setQueryData(queryKeys.org(PROFILE, 'org-1'), org());
    installFakeBridge().hang('orgs:rename');
    const controller = new AbortController();
    const renaming = renameOrganization(client, ref, 'Northwind EU', controller.signal);
    controller.abort();
    expect(isCancelled(await renaming.catch((error: unknown) => error))).toBe(true);
    expect(client.getQueryState(queryKeys.org(PROFILE, 'org-1'))?.isInvalidated).toBe(true);
    expect(listInvalidated()).toBe(true);
  });
});
