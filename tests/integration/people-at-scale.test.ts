import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityPage } from '../../src/shared/ipc/people';
import type { OrgList } from '../../src/shared/ipc/organizations';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import type { IpcResult } from '../../src/shared/ipc/result';
import { createAppServices, type AppServices } from '../../src/main/app-services';
import { PEOPLE_AT_SCALE_ORGANIZATION_NAME } from '../../src/main/sandbox/seed';
import { MemorySecretStore } from '../support/memory-secret-store';

/** "Try the sandbox" in an app whose embedded sandbox seeds one organization at scale. */
const PEOPLE = 3_000;
let services: AppServices;
let userDataDir: string;

async function ok<T>(channel: string, payload?: unknown): Promise<T> {
  const result = structuredClone(await services.dispatch(channel, structuredClone(payload))) as IpcResult<T>;
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-people-at-scale-'));
  services = await createAppServices({
    userDataDir,
    secretStore: new MemorySecretStore(),
    sandboxSeed: { peopleAtScale: PEOPLE },
  });
});

afterAll(async () => {
  await services?.dispose();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

describe('the embedded sandbox seeded at scale', () => {
  it('lists the big organization, administered by the sandbox profile, and walks all its identities', async () => {
    const profile = await ok<ProfileView>('profiles:addSandbox');
    const organizations = await ok<OrgList>('orgs:list', { profileId: profile.id });
    const big = organizations.items.find((o) => o.name === PEOPLE_AT_SCALE_ORGANIZATION_NAME);
    expect(big?.permissions?.users).toMatchObject({ update: true, delete: true });
    const orgId = big!.id;

    const ids = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const page: IdentityPage = await ok<IdentityPage>('people:identities', {
        profileId: profile.id,
        orgId,
        after,
        limit: 1000,
      });
      expect(page.totalCount).toBe(PEOPLE);
      expect(page.permissions?.invitations).toMatchObject({ create: true, delete: true });
      for (const identity of page.items) ids.add(identity.id);
      after = page.nextCursor;
      pages += 1;
    } while (after !== undefined);
    expect(ids.size).toBe(PEOPLE);
    expect(pages).toBe(3);
    // The other organizations keep their usual size.
    expect(organizations.items.length).toBe(5);
  });
});
