import { describe, expect, it } from 'vitest';
import type { KeycardClient } from '../../../src/main/api';
import { PermissionDeniedError } from '../../../src/main/api/core/errors';
import { CompareService, MAX_COMPARED_PEOPLE } from '../../../src/main/compare/compare-service';
import type { ClientRegistry } from '../../../src/main/connections/client-registry';
import { createLogger } from '../../../src/main/log';
import type { StoredProfile } from '../../../src/main/profiles/stored-profile';
import type { CallContext } from '../../../src/shared/ipc/calls';

const A = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const B = '9b2f1e6a-1c1d-4d8e-8a43-0e1f2a3b4c5d';
const AT = '2026-01-05T09:00:00.000Z';

interface FakeSide {
  total?: number;
  /** What walking every identity does: answer rows, or fail. */
  walk: (signal: AbortSignal | undefined) => Promise<unknown[]>;
  accounts?: () => Promise<unknown[]>;
}

/** A client with only what a comparison reads, per profile. */
function fakeClients(sides: Record<string, FakeSide>, walked: string[]): ClientRegistry {
  const client = (profileId: string): KeycardClient => {
    const side = sides[profileId]!;
    return {
      organizations: {
        retrieve: async (orgId: string) => ({ id: orgId, name: `Org ${orgId}`, label: orgId, sso_enabled: false }),
        identities: {
          list: async () => ({ items: [], pagination: { total_count: side.total ?? 0 } }),
          listAll: async (_orgId: string, _params: unknown, call: { signal?: AbortSignal }) => {
            walked.push(profileId);
            return { items: await side.walk(call.signal) };
          },
        },
        serviceAccounts: { listAll: async () => ({ items: (await side.accounts?.()) ?? [] }) },
      },
    } as unknown as KeycardClient;
  };
  return { forProfile: async (id: string) => client(id) } as unknown as ClientRegistry;
}

const profiles = {
  get: async (id: string) => ({ id, name: id === A ? 'Production' : 'Staging' }) as StoredProfile,
};
const sso = { get: async () => ({ connection: null }) };

function call(): CallContext {
  return { signal: new AbortController().signal, deadline: { at: Date.now() + 60_000, ms: 60_000 } };
}

const refs = { a: { profileId: A, orgId: 'acme' }, b: { profileId: B, orgId: 'globex' } };
const person = (email: string) => ({
  id: email,
  type: 'user',
  email,
  role: 'org_member',
  status: 'active',
  created_at: AT,
  updated_at: AT,
});

describe('CompareService', () => {
  it('refuses an organization past the row cap by name, before walking either', async () => {
    const walked: string[] = [];
    const service = new CompareService(
      fakeClients(
        { [A]: { total: MAX_COMPARED_PEOPLE + 1, walk: async () => [] }, [B]: { walk: async () => [] } },
        walked,
      ),
      profiles,
      sso,
      createLogger(() => {}),
    );
    await expect(service.compare(refs, call())).rejects.toMatchObject({
      kind: 'invalid_input',
      code: 'compare_too_large',
      message: expect.stringContaining('200,001 people'),
    });
    expect(walked).not.toContain(A);
  });

  it("stops the other side's walk as soon as one side fails", async () => {
    let otherStopped: unknown;
    const service = new CompareService(
      fakeClients(
        {
          [A]: { walk: async () => Promise.reject(new Error('server gone')) },
          [B]: {
            walk: (signal) =>
              new Promise((_, reject) =>
                signal!.addEventListener('abort', () => {
                  otherStopped = signal!.reason;
                  reject(signal!.reason);
                }),
              ),
          },
        },
        [],
      ),
      profiles,
      sso,
      createLogger(() => {}),
    );
    await expect(service.compare(refs, call())).rejects.toThrow('server gone');
    expect(otherStopped).toBeInstanceOf(Error);
  });

  it('reports a section a profile may not read, and compares the rest', async () => {
    const denied = new PermissionDeniedError('Your role (org_viewer) does not allow service_accounts.list', {
      status: 403,
    });
    const service = new CompareService(
      fakeClients(
        {
          [A]: { walk: async () => [person('ann@example.com')] },
          [B]: { walk: async () => [person('ann@example.com')], accounts: async () => Promise.reject(denied) },
        },
        [],
      ),
      profiles,
      sso,
      createLogger(() => {}),
    );
    const result = await service.compare(refs, call());
    expect(result.serviceAccounts).toEqual({
      diff: null,
      unreadable: [{ side: 'b', profileName: 'Staging', reason: denied.message }],
    });
    expect(result.members.diff).toMatchObject({ differences: [], same: { count: 1 } });
    expect(result.a).toEqual({
      profileId: A,
      profileName: 'Production',
      orgId: 'acme',
      orgName: 'Org acme',
      orgLabel: 'acme',
    });
  });
});
