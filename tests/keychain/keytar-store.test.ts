import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/main/log';
import { ProfileFile } from '../../src/main/profiles/profile-file';
import { ProfileService } from '../../src/main/profiles/profile-service';
import { createKeytarStore } from '../../src/main/secrets/keytar-store';
import { SecretAlteredError } from '../../src/main/secrets/secret-store';

/** Runs against the real Secret Service (see tests/support/with-keyring.sh), under a service name of its own. */
const SERVICE = `Orgdesk test ${process.pid}`;
const SECRET = `cs_keychain_${Math.random().toString(36).slice(2)}`;

afterAll(async () => {
  for (const { account } of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, account);
});

describe('keytar secret store on the real Secret Service', () => {
  const store = createKeytarStore(SERVICE, silentLogger);

  it('saves, lists, reads and deletes one item per account', async () => {
    await store.set('profile-a', SECRET);
    await store.set('profile-b', 'other');
    expect(await store.get('profile-a')).toBe(SECRET);
    expect(await store.get('profile-b')).toBe('other');
    expect(await keytar.getPassword(SERVICE, 'profile-a')).toBe(SECRET);
    expect(await store.delete('profile-a')).toBe(true);
    expect(await store.delete('profile-a')).toBe(false);
    expect(await store.get('profile-a')).toBeNull();
  });

  it('keeps the last write when writes and deletes on one account race', async () => {
    await Promise.all([store.set('race', 'one'), store.delete('race'), store.set('race', 'two')]);
    expect(await store.get('race')).toBe('two');
  });

  it('stores a profile secret only in the keychain and removes it with the profile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgdesk-keychain-'));
    const profiles = new ProfileService(new ProfileFile(dir, silentLogger), store, silentLogger);
    const view = await profiles.create({
      name: 'Keychain check',
      baseUrl: 'https://api.keycard.ai',
      color: '#16a34a',
      authKind: 'client_credentials',
      clientId: 'sa_keychain',
      clientSecret: SECRET,
    });
    expect(view.secretStored).toBe(true);
    expect(await keytar.getPassword(SERVICE, view.id)).toBe(SECRET);
    for (const name of await readdir(dir, { recursive: true })) {
      const path = join(dir, name);
      const content = await readFile(path, 'utf8').catch(() => '');
      expect(content, path).not.toContain(SECRET);
    }
    await profiles.remove(view.id);
    expect(await keytar.getPassword(SERVICE, view.id)).toBeNull();
  });
});

describe('secrets the Secret Service would change', () => {
  const store = createKeytarStore(SERVICE, silentLogger);
  const cases = [
    ['a NUL', `${SECRET}\u0000tail`],
    ['an unpaired surrogate', `${SECRET}\uD800tail`],
  ] as const;

  it.each(cases)('are changed by libsecret itself (%s), which is why the store reads back', async (_label, secret) => {
    await keytar.setPassword(SERVICE, 'raw', secret);
    const stored = await keytar.getPassword(SERVICE, 'raw');
    expect(stored).not.toBe(secret);
    expect(stored?.startsWith(SECRET)).toBe(true);
    await keytar.deletePassword(SERVICE, 'raw');
  });

  it.each(cases)('are refused by the store after reading back (%s), leaving no item', async (_label, secret) => {
    await expect(store.set('altered', secret)).rejects.toBeInstanceOf(SecretAlteredError);
    expect(await keytar.getPassword(SERVICE, 'altered')).toBeNull();
  });

  it('leave a profile with its old secret when an edit brings one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgdesk-altered-'));
    const profiles = new ProfileService(new ProfileFile(dir, silentLogger), store, silentLogger);
    const view = await profiles.create({
      name: 'Read-back check',
      baseUrl: 'https://api.keycard.ai',
      color: '#16a34a',
      authKind: 'client_credentials',
      clientId: 'sa_keychain',
      clientSecret: SECRET,
    });
    const before = await readFile(join(dir, 'profiles.json'), 'utf8');
    await expect(
      profiles.update({ id: view.id, name: 'Changed', clientSecret: `${SECRET}\u0000tail` }),
    ).rejects.toMatchObject({ kind: 'keychain', code: 'keychain_altered_secret' });
    expect(await keytar.getPassword(SERVICE, view.id)).toBe(SECRET);
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe(before);
    await expect(
      profiles.create({
        name: 'New',
        baseUrl: 'https://api.keycard.ai',
        color: '#16a34a',
        authKind: 'bearer',
        token: '\uDFFFx',
      }),
    ).rejects.toBeInstanceOf(SecretAlteredError);
    expect((await profiles.list()).profiles.map((p) => p.name)).toEqual(['Read-back check']);
    await profiles.remove(view.id);
  });
});

describe('without a reachable Secret Service', () => {
  it('fails with a keychain error and writes no profile', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'orgdesk-nokeychain-'));
    const script = join(import.meta.dirname, 'no-keychain-child.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, dir, SECRET], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}` },
    });
    const result = JSON.parse(stdout) as { kind: string; message: string; profilesListed: { available: boolean } };
    expect(result.kind).toBe('keychain');
    expect(result.message).toMatch(/keychain could not save the secret/);
    expect(result.message).toMatch(/Nothing was saved in plain text/);
    expect(result.message).not.toContain(SECRET);
    // The banner learns from the refusal: the list now says the keychain is unavailable.
    expect(result.profilesListed.available).toBe(false);
    expect(await readdir(dir)).not.toContain('profiles.json');
  });
});
