// Runs inside a keyring session of its own (see credential-secrets.test.ts), because it locks it.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialSecrets } from '../../src/main/credentials/credential-secrets';
import { CredentialRotation, type RotationPort } from '../../src/main/credentials/rotation';
import { RotationJournal } from '../../src/main/credentials/rotation-journal';
import { OrgdeskError } from '../../src/main/errors';
import { silentLogger } from '../../src/main/log';
import { forkedAccountsChild, isolatedAccountLister } from '../../src/main/secrets/account-lister';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';

const [secret] = process.argv.slice(2) as [string];
const store = createKeytarStore(
  'Orgdesk locked credentials',
  silentLogger,
  undefined,
  20_000,
  isolatedAccountLister(
    forkedAccountsChild(join(import.meta.dirname, '../../src/main/secrets/keychain-accounts-child.ts'), [
      '--import',
      'tsx',
    ]),
    20_000,
  ),
);
const secrets = new CredentialSecrets(store, silentLogger);
const ref = (credentialId: string) => ({
  profileId: '0b7f2c1e-59a3-4a51-9d0e-2b8f7d1c3e44',
  orgId: 'org_acme',
  serviceAccountId: 'sa_ci',
  credentialId,
  clientId: `ci_${credentialId}`,
});
const outcome = async (work: () => Promise<unknown>) => {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    return error instanceof OrgdeskError
      ? { ok: false, kind: error.kind, message: error.message }
      : { ok: false, kind: 'crash', message: String(error) };
  }
};

await secrets.store(ref('cred_before'), secret);
const listUnlocked = await outcome(() => secrets.inventory());
execFileSync('dbus-send', [
  '--session',
  '--print-reply',
  '--dest=org.freedesktop.secrets',
  '/org/freedesktop/secrets',
  'org.freedesktop.Secret.Service.Lock',
  'array:objpath:/org/freedesktop/secrets/collection/login',
]);
const listWhileLocked = await outcome(() => secrets.inventory());
const storeWhileLocked = await outcome(() => secrets.store(ref('cred_after'), secret));
const requireWhileLocked = await outcome(() => secrets.require(ref('cred_before')));

// A rotation whose step 2 meets the locked keychain: the server part is a stand-in.
const dir = await mkdtemp(join(tmpdir(), 'orgdesk-locked-rotation-'));
const calls: string[] = [];
const port: RotationPort = {
  createCredential: async () => {
    calls.push('create');
    return { id: 'cred_new', clientId: 'ci_cred_new', clientSecret: 'cs_rotated_new_secret' };
  },
  findCredentialsNamed: async () => [],
  storeSecret: (credential, value) => secrets.store(ref(credential.id), value),
  readSecret: (credential) => secrets.read(ref(credential.id)),
  deleteSecret: async (credential) => void (await secrets.delete(ref(credential.id))),
  verifyLogin: async () => void calls.push('verify'),
  repointProfiles: async () => (calls.push('repoint'), []),
  profilesUsing: async () => [],
  revokeCredential: async () => void calls.push('revoke'),
  deleteCredential: async () => void calls.push('delete'),
};
const rotation = new CredentialRotation(new RotationJournal(dir, silentLogger), () => port, silentLogger);
const view = await rotation.start({ ...ref('cred_before'), name: 'ci' });
let files = '';
for (const name of await readdir(dir, { recursive: true }))
  files += await readFile(join(dir, name), 'utf8').catch(() => '');

process.stdout.write(
  JSON.stringify({
    listUnlocked,
    listWhileLocked,
    storeWhileLocked,
    requireWhileLocked,
    rotation: {
      state: view.state,
      failedStep: view.steps.find((s) => s.status === 'failed')?.step,
      calls,
      summary: view.summary,
      journal: await readFile(join(dir, 'credential-rotations.json'), 'utf8'),
    },
    files,
  }),
);
