import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialSecrets } from '../../src/main/credentials/credential-secrets';
import { silentLogger } from '../../src/main/log';
import { forkedAccountsChild, isolatedAccountLister } from '../../src/main/secrets/account-lister';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';

/** Runs against the real Secret Service (see tests/support/with-keyring.sh), under a service name of its own. */
const SERVICE = `Orgdesk credentials ${process.pid}`;
const SECRET = `cs_credential_${Math.random().toString(36).slice(2)}`;
const CHILD = join(import.meta.dirname, '../../src/main/secrets/keychain-accounts-child.ts');
const PROFILE = '0b7f2c1e-59a3-4a51-9d0e-2b8f7d1c3e44';
const ref = (credentialId: string, profileId = PROFILE) => ({
  profileId,
  orgId: 'org_acme',
  serviceAccountId: 'sa_ci',
  credentialId,
  clientId: `ci_${credentialId}`,
});

afterAll(async () => {
  for (const { account } of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, account);
});

describe('credential secrets on the real Secret Service', () => {
  const store = createKeytarStore(
    SERVICE,
    silentLogger,
    undefined,
    20_000,
    isolatedAccountLister(forkedAccountsChild(CHILD, ['--import', 'tsx']), 20_000),
  );
  const secrets = new CredentialSecrets(store, silentLogger);

  it('stores (read back), reads, lists and deletes, beside a profile secret', async () => {
    await keytar.setPassword(SERVICE, PROFILE, 'the profile secret');
    await secrets.store(ref('cred_a'), SECRET);
    await secrets.store(ref('cred_b', 'f0000000-0000-4000-8000-000000000000'), 'second secret');
    expect(await keytar.getPassword(SERVICE, `credential/v1/${PROFILE}/org_acme/sa_ci/cred_a/ci_cred_a`)).toBe(SECRET);
    expect(await secrets.read(ref('cred_a'))).toBe(SECRET);

    const held = await secrets.inventory();
    expect(held).toEqual([ref('cred_a'), ref('cred_b', 'f0000000-0000-4000-8000-000000000000')]);
    expect(JSON.stringify(held)).not.toContain(SECRET);
    expect((await store.accounts()).sort()).toEqual(
      [PROFILE, ...[ref('cred_a'), ref('cred_b', 'f0000000-0000-4000-8000-000000000000')].map(accountOf)].sort(),
    );

    expect(await secrets.delete(ref('cred_a'))).toBe(true);
    expect(await secrets.read(ref('cred_a'))).toBeNull();
    expect(await secrets.inventory()).toEqual([ref('cred_b', 'f0000000-0000-4000-8000-000000000000')]);
    expect(await keytar.getPassword(SERVICE, PROFILE)).toBe('the profile secret');
  });

  it('refuses a secret the keychain would change and leaves no item', async () => {
    await expect(secrets.store(ref('cred_nul'), `${SECRET}\u0000tail`)).rejects.toMatchObject({
      code: 'keychain_altered_secret',
    });
    expect(await secrets.read(ref('cred_nul'))).toBeNull();
  });
});

/**
 * Locked for real, in a keyring session of its own: the child saves a credential secret, locks
 * the login collection over D-Bus, and tries again — and also runs a rotation whose step 2 meets
 * the locked keychain.
 */
describe('credential secrets on a locked Secret Service', () => {
  it('report a keychain error, never crash Orgdesk, keep nothing in plain text, and stop a rotation at step 2', async () => {
    const root = join(import.meta.dirname, '../..');
    const env = { ...process.env };
    delete env['ORGDESK_KEYRING_SESSION'];
    const { stdout } = await promisify(execFile)(
      join(root, 'tests/support/with-keyring.sh'),
      [process.execPath, '--import', 'tsx', join(import.meta.dirname, 'locked-credentials-child.ts'), SECRET],
      { env, cwd: root, timeout: 60_000 },
    );
    const result = JSON.parse(stdout) as Record<string, { ok: boolean; kind?: string; message?: string }> & {
      files: string;
      rotation: { state: string; failedStep: string; calls: string[]; summary: string; journal: string };
      readWhileLocked: unknown;
    };
    expect(result['listUnlocked']).toMatchObject({ ok: true });
    expect(result['listWhileLocked']).toMatchObject({ ok: false, kind: 'keychain' });
    expect(result['listWhileLocked']!.message).toContain('could not list its items');
    expect(result['listWhileLocked']!.message).toContain('the keychain may be locked');
    expect(result['storeWhileLocked']).toMatchObject({ ok: false, kind: 'keychain' });
    expect(result['storeWhileLocked']!.message).toContain('Nothing was saved in plain text');
    // A locked collection answers a read with "nothing": the message says it may be locked.
    expect(result['requireWhileLocked']).toMatchObject({ ok: false, kind: 'not_found' });
    expect(result['requireWhileLocked']!.message).toContain('If your keychain is locked, unlock it');

    expect(result.rotation.state).toBe('failed');
    expect(result.rotation.failedStep).toBe('store');
    expect(result.rotation.calls).toEqual(['create']);
    expect(result.rotation.summary).toContain('Step 2 (save its secret in the keychain) failed');
    expect(result.rotation.summary).toContain('The old credential still works.');
    expect(result.rotation.journal).not.toContain('cs_rotated');
    expect(stdout).not.toContain(SECRET);
    expect(result.files).not.toContain(SECRET);
    expect(result.files).not.toContain('cs_rotated');
  });
});

function accountOf(r: ReturnType<typeof ref>): string {
  return `credential/v1/${r.profileId}/${r.orgId}/${r.serviceAccountId}/${r.credentialId}/${r.clientId}`;
}
