import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSeededState, type SandboxState, type SeededSandbox } from '../../../src/main/sandbox/server';

type SeedResult = SeededSandbox['seed'];

/**
 * The credential records as they were stored before secrets were kept hashed: the store now
 * holds each secret's SHA-256, the seed result the secret itself, so the hashes below still
 * prove that not one ID or secret moved.
 */
function credentialsWithSecrets(state: SandboxState, seed: SeedResult): unknown[] {
  return state.credentials.all().map(({ client_secret_sha256, created_at, last_used_at, ...record }) => {
    const secret = seed.credentials.find((c) => c.credentialId === record.id)?.clientSecret;
    expect(
      createHash('sha256')
        .update(secret ?? '')
        .digest('hex'),
    ).toBe(client_secret_sha256);
    return { ...record, client_secret: secret, created_at, ...(last_used_at === undefined ? {} : { last_used_at }) };
  });
}

/**
 * Everything the deterministic seed stores, reduced to one hash. Saved profiles and
 * recorded fixtures hold these IDs and secrets, so a refactor of the sandbox must not
 * move a single byte; a deliberate change of the seed updates the expected hashes.
 */
function fingerprint(state: SandboxState, seed: SeedResult): string {
  const principalIds = seed.credentials.map((c) => c.serviceAccountId);
  const organizations = state.organizations.all();
  const world = {
    seed,
    organizations,
    users: organizations.map((o) => state.users.of(o.id).all()),
    serviceAccounts: state.serviceAccounts.all(),
    credentials: credentialsWithSecrets(state, seed),
    roles: principalIds.map((p) => organizations.map((o) => state.roles.of(p, o.id) ?? null)),
  };
  return createHash('sha256').update(JSON.stringify(world)).digest('hex');
}

describe('seed fingerprint', () => {
  it.each([
    ['default', {}, '08702303e8ab72e78ee0c3241749eb585e3bfcfc04250ca6bbd81243c4d07ec8'],
    [
      'at scale',
      { usersPerOrg: 60, extraOrganizations: 3 },
      'e4484b8ab25dd66986c92109386a26ece42ecd8d25492a9d10034f61b8e1f590',
    ],
  ] as const)('stores the same records as before (%s)', (_name, seed, expected) => {
    const { state, seed: result } = createSeededState({ seed });
    expect(fingerprint(state, result)).toBe(expected);
  });
});
