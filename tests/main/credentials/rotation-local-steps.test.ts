import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileCreateInput } from '../../../src/shared/ipc/profiles';
import { CredentialSecrets } from '../../../src/main/credentials/credential-secrets';
import { CredentialRotation, type RotationPort } from '../../../src/main/credentials/rotation';
import { RotationJournal } from '../../../src/main/credentials/rotation-journal';
import { localRotationSteps } from '../../../src/main/credentials/rotation-local-steps';
import { silentLogger } from '../../../src/main/log';
import { ProfileFile } from '../../../src/main/profiles/profile-file';
import { ProfileService } from '../../../src/main/profiles/profile-service';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { filesUnder } from './rotation-world';

const OLD_SECRET = 'cs_old-local-2c9e';
const NEW_SECRET = 'cs_new-local-7a1d';

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'orgdesk-local-steps-'));
  const keychain = new MemorySecretStore();
  const profiles = new ProfileService(new ProfileFile(dir, silentLogger), keychain, silentLogger);
  const secrets = new CredentialSecrets(keychain, silentLogger);
  const make = (name: string, baseUrl: string) =>
    profiles.create(
      ProfileCreateInput.parse({
        name,
        baseUrl,
        color: '#2563eb',
        authKind: 'client_credentials',
        clientId: 'ci_old',
        clientSecret: OLD_SECRET,
      }),
    );
  const admin = await make('Admin', 'https://api.keycard.ai');
  const asBot = await make('As the bot', 'https://api.keycard.ai');
  const elsewhere = await make('Same client ID on staging', 'https://staging.keycard.ai');
  const target = {
    profileId: admin.id,
    orgId: 'org_acme',
    serviceAccountId: 'sa_ci',
    credentialId: 'cred_old',
    clientId: 'ci_old',
    name: 'bot',
  };
  await secrets.store({ ...target }, OLD_SECRET);
  return { dir, keychain, profiles, secrets, admin, asBot, elsewhere, target };
}

describe('the local steps of a rotation, on the real profile service and credential secrets', () => {
  it('saves the new secret under the target profile, repoints the profiles on its server and drops the old item', async () => {
    const { dir, keychain, profiles, secrets, admin, asBot, elsewhere, target } = await setup();
    const signedIn: string[] = [];
    const api: Omit<RotationPort, keyof ReturnType<typeof localRotationSteps>> = {
      createCredential: async () => ({ id: 'cred_new', clientId: 'ci_new', clientSecret: NEW_SECRET }),
      findCredentialsNamed: async () => [],
      verifyLogin: async (clientId, secret) => void signedIn.push(`${clientId}:${secret === NEW_SECRET}`),
      revokeCredential: async () => undefined,
      deleteCredential: async () => undefined,
    };
    const rotation = new CredentialRotation(
      new RotationJournal(dir, silentLogger),
      (t) => ({ ...api, ...localRotationSteps(t, secrets, profiles) }),
      silentLogger,
    );

    const view = await rotation.start(target);

    expect(view.state).toBe('done');
    expect(signedIn).toEqual(['ci_new:true']);
    expect(view.repointedProfileIds.sort()).toEqual([admin.id, asBot.id].sort());
    await expect(profiles.secretOf(admin.id)).resolves.toBe(NEW_SECRET);
    await expect(profiles.secretOf(asBot.id)).resolves.toBe(NEW_SECRET);
    await expect(profiles.secretOf(elsewhere.id)).resolves.toBe(OLD_SECRET);
    const newRef = {
      profileId: admin.id,
      orgId: 'org_acme',
      serviceAccountId: 'sa_ci',
      credentialId: 'cred_new',
      clientId: 'ci_new',
    };
    expect(await secrets.inventory()).toEqual([newRef]);
    expect(await secrets.read(newRef)).toBe(NEW_SECRET);
    // Only the profile on the other server still holds the old secret.
    expect([...keychain.items.values()].filter((value) => value === OLD_SECRET)).toHaveLength(1);
    const files = await filesUnder(dir);
    expect(files).toContain('ci_new');
    expect(files).not.toContain(NEW_SECRET);
    expect(files).not.toContain(OLD_SECRET);
    expect(JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')).profiles).toHaveLength(3);
  });
});
