import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { silentLogger } from '../../src/main/log';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';
import { MemorySecretStore } from '../support/memory-secret-store';

/** What the renderer waits for: an IPC call through validation, the client and the sandbox, and back. */
let sandbox: RunningSandbox;
let services: AppServices;
let profileId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { usersPerOrg: 0, extraOrganizations: 200 } });
  services = await createAppServices({
    userDataDir: await mkdtemp(join(tmpdir(), 'orgdesk-bench-')),
    secretStore: new MemorySecretStore(),
    logger: silentLogger,
  });
  const created = await services.dispatch('profiles:create', {
    name: 'Bench',
    baseUrl: sandbox.url,
    color: '#2563eb',
    authKind: 'client_credentials',
    clientId: sandbox.primaryCredential.clientId,
    clientSecret: sandbox.primaryCredential.clientSecret,
  });
  if (!created.ok) throw new Error(created.error.message);
  profileId = (created.value as { id: string }).id;
}, 60_000);

afterAll(async () => {
  await services.dispose();
  await sandbox.close();
});

describe('IPC round trips against the sandbox', () => {
  bench('orgs:list, 204 organizations in 3 pages with permissions', async () => {
    const result = await services.dispatch('orgs:list', { profileId });
    if (!result.ok) throw new Error(result.error.message);
  });

  bench('orgs:get by label', async () => {
    const result = await services.dispatch('orgs:get', {
      profileId,
      orgId: sandbox.primaryCredential.memberships[0]!.organizationLabel,
    });
    if (!result.ok) throw new Error(result.error.message);
  });

  bench('profiles:list (keychain status included)', async () => {
    const result = await services.dispatch('profiles:list', undefined);
    if (!result.ok) throw new Error(result.error.message);
  });
});
