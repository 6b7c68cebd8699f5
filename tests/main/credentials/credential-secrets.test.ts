import { describe, expect, it } from 'vitest';
import { CredentialSecrets } from '../../../src/main/credentials/credential-secrets';
import { createLogger } from '../../../src/main/log';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { LibsecretLikeKeytar } from '../../support/libsecret-like-keytar';
import { MemorySecretStore } from '../../support/memory-secret-store';

const SECRET = 'cs_credential-unit-4e8a1f';
const PROFILE = '0b7f2c1e-59a3-4a51-9d0e-2b8f7d1c3e44';
const ref = (credentialId: string, extra: Partial<Record<string, string>> = {}) => ({
  profileId: PROFILE,
  orgId: 'org_1',
  serviceAccountId: 'sa_1',
  credentialId,
  clientId: `ci_${credentialId}`,
  ...extra,
});

function setup() {
  const store = new MemorySecretStore();
  const lines: string[] = [];
  const secrets = new CredentialSecrets(
    store,
    createLogger((line) => lines.push(line), 'debug'),
  );
  return { store, lines, secrets };
}

describe('credential secrets in the keychain', () => {
  it('stores, reads and deletes one item per credential, beside profile items', async () => {
    const { store, secrets } = setup();
    store.items.set(PROFILE, 'the profile secret');
    await secrets.store(ref('cred_a'), SECRET);
    expect(store.items.get(`credential/v1/${PROFILE}/org_1/sa_1/cred_a/ci_cred_a`)).toBe(SECRET);
    expect(await secrets.read(ref('cred_a'))).toBe(SECRET);
    await expect(secrets.require(ref('cred_a'))).resolves.toBe(SECRET);
    expect(await secrets.delete(ref('cred_a'))).toBe(true);
    expect(await secrets.delete(ref('cred_a'))).toBe(false);
    expect(await secrets.read(ref('cred_a'))).toBeNull();
    expect(store.items.get(PROFILE)).toBe('the profile secret');
  });

  it('says a missing secret may be a locked keychain', async () => {
    const { secrets } = setup();
    await expect(secrets.require(ref('cred_missing'))).rejects.toMatchObject({
      kind: 'not_found',
      code: 'credential_secret_missing',
      message: expect.stringContaining('If your keychain is locked, unlock it'),
    });
  });

  it('lists what it holds across profiles from the item names, never reading a secret', async () => {
    const { store, secrets } = setup();
    await secrets.store(ref('cred_b', { profileId: 'f0000000-0000-4000-8000-000000000000' }), 'two');
    await secrets.store(ref('cred_a'), SECRET);
    await secrets.store(ref('cred_c', { orgId: 'org_0' }), 'three');
    store.items.set(PROFILE, 'a profile secret');
    store.items.set(`profile/${PROFILE}/5d1c`, 'a replaced profile secret');
    let reads = 0;
    const get = store.get.bind(store);
    store.get = async (account) => {
      reads += 1;
      return get(account);
    };
    const held = await secrets.inventory();
    expect(reads).toBe(0);
    expect(held).toEqual([
      ref('cred_c', { orgId: 'org_0' }),
      ref('cred_a'),
      ref('cred_b', { profileId: 'f0000000-0000-4000-8000-000000000000' }),
    ]);
    expect(JSON.stringify(held)).not.toContain(SECRET);
  });

  it('reports a locked keychain as a keychain error for every operation, keeping nothing elsewhere', async () => {
    const { store, secrets } = setup();
    store.locked = true;
    for (const attempt of [
      () => secrets.store(ref('cred_a'), SECRET),
      () => secrets.read(ref('cred_a')),
      () => secrets.delete(ref('cred_a')),
      () => secrets.inventory(),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ kind: 'keychain' });
    }
    store.locked = false;
    expect(store.items.size).toBe(0);
  });

  it('refuses a secret the keychain would change, and an empty one, by name', async () => {
    const keytar = new LibsecretLikeKeytar();
    const secrets = new CredentialSecrets(
      createKeytarStore(
        'Orgdesk test',
        createLogger(() => undefined),
        keytar,
      ),
      createLogger(() => undefined),
    );
    await expect(secrets.store(ref('cred_a'), `${SECRET}\u0000tail`)).rejects.toMatchObject({
      code: 'keychain_altered_secret',
    });
    expect(keytar.items.size).toBe(0);
    await expect(secrets.store(ref('cred_a'), '')).rejects.toMatchObject({
      kind: 'invalid_input',
      fields: [{ path: 'secret', message: 'Empty' }],
    });
  });

  it('logs which credential, never the secret', async () => {
    const { lines, secrets } = setup();
    await secrets.store(ref('cred_a'), SECRET);
    await secrets.read(ref('cred_a'));
    await secrets.delete(ref('cred_a'));
    expect(lines.map((line) => JSON.parse(line).event)).toEqual([
      'credentials.secret_stored',
      'credentials.secret_deleted',
    ]);
    expect(lines.join('\n')).toContain('cred_a');
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
