import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileCreateInput, ProfileUpdateInput } from '../../../src/shared/ipc/profiles';
import { silentLogger } from '../../../src/main/log';
import { ProfileFile } from '../../../src/main/profiles/profile-file';
import { ProfileService } from '../../../src/main/profiles/profile-service';
import type { ProfilesFile } from '../../../src/main/profiles/stored-profile';
import { MemorySecretStore } from '../../support/memory-secret-store';

const OLD_SECRET = 'cs_old-secret-5b1e';
const NEW_SECRET = 'cs_new-secret-9d4c';
const PROD = 'https://api.keycard.ai';

class FailingFile extends ProfileFile {
  failNext = false;
  override async write(data: ProfilesFile): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    return super.write(data);
  }
}

/** A keychain whose saves fail from the `failFrom`-th on (counting from 1), like one locked mid-way. */
class LockingStore extends MemorySecretStore {
  sets = 0;
  failFrom = Infinity;
  override async set(account: string, secret: string): Promise<void> {
    this.sets += 1;
    if (this.sets >= this.failFrom) this.locked = true;
    try {
      await super.set(account, secret);
    } finally {
      this.locked = false;
    }
  }
}

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'orgdesk-replace-'));
  const secrets = new LockingStore();
  const file = new FailingFile(dir, silentLogger);
  const service = new ProfileService(file, secrets, silentLogger);
  const make = (name: string, clientId: string, baseUrl = PROD) =>
    service.create(
      ProfileCreateInput.parse({
        name,
        baseUrl,
        color: '#2563eb',
        authKind: 'client_credentials',
        clientId,
        clientSecret: OLD_SECRET,
      }),
    );
  const a = await make('A', 'sa_old');
  const b = await make('B', 'sa_old');
  const other = await make('Other credential', 'sa_other');
  const staging = await make('Same client ID elsewhere', 'sa_old', 'https://staging.keycard.ai');
  const bearer = await service.create(
    ProfileCreateInput.parse({ name: 'Token', baseUrl: PROD, color: '#2563eb', authKind: 'bearer', token: 'tok' }),
  );
  secrets.sets = 0;
  return { dir, secrets, file, service, a, b, other, staging, bearer };
}

const replace = (service: ProfileService) =>
  service.replaceClientCredentials(
    { baseUrl: `${PROD}/`, fromClientId: 'sa_old' },
    { clientId: 'sa_new', clientSecret: NEW_SECRET },
  );

describe('replacing the client credentials of the profiles that use one', () => {
  it('moves every profile on that server with that client ID, writing new items, then the file, then deleting the old', async () => {
    const { dir, secrets, service, a, b, other, staging } = await setup();
    const revisions = [service.revisionOf(a.id), service.revisionOf(b.id)];

    expect(await service.profilesUsing(PROD, 'sa_old')).toEqual([a.id, b.id]);
    expect(await replace(service)).toEqual([a.id, b.id]);

    expect(await service.profilesUsing(PROD, 'sa_old')).toEqual([]);
    expect(await service.profilesUsing(PROD, 'sa_new')).toEqual([a.id, b.id]);
    for (const id of [a.id, b.id]) {
      const profile = await service.get(id);
      expect(profile.auth).toEqual({ kind: 'client_credentials', clientId: 'sa_new' });
      expect(profile.secretAccount).toMatch(new RegExp(`^profile/${id}/[0-9a-f-]{36}$`));
      expect(secrets.items.get(profile.secretAccount!)).toBe(NEW_SECRET);
      // The old item went once the file no longer named it.
      expect(secrets.items.has(id)).toBe(false);
      await expect(service.secretOf(id, service.revisionOf(id))).resolves.toBe(NEW_SECRET);
    }
    // Clients built before the change are cut off.
    await expect(service.secretOf(a.id, revisions[0])).rejects.toMatchObject({ code: 'profile_changed' });
    // Another client ID, or the same one on another server, is another credential.
    expect((await service.get(other.id)).auth).toEqual({ kind: 'client_credentials', clientId: 'sa_other' });
    expect((await service.get(staging.id)).auth).toEqual({ kind: 'client_credentials', clientId: 'sa_old' });
    expect(secrets.items.get(staging.id)).toBe(OLD_SECRET);

    const onDisk = await readFile(join(dir, 'profiles.json'), 'utf8');
    expect(onDisk).not.toContain(NEW_SECRET);
    expect(onDisk).not.toContain(OLD_SECRET);
    const reread = new ProfileService(new ProfileFile(dir, silentLogger), secrets, silentLogger);
    await expect(reread.secretOf(a.id)).resolves.toBe(NEW_SECRET);
    expect((await reread.list()).profiles.find((p) => p.id === a.id)).toMatchObject({ clientId: 'sa_new' });
  });

  it('answers none and changes nothing when no profile uses the client ID', async () => {
    const { secrets, service } = await setup();
    const before = new Map(secrets.items);
    expect(
      await service.replaceClientCredentials(
        { baseUrl: PROD, fromClientId: 'sa_gone' },
        { clientId: 'sa_new', clientSecret: NEW_SECRET },
      ),
    ).toEqual([]);
    expect(secrets.items).toEqual(before);
  });

  it('leaves every profile as it was, and no new item, when the keychain refuses the second secret', async () => {
    const { dir, secrets, service, a, b } = await setup();
    const before = await readFile(join(dir, 'profiles.json'), 'utf8');
    const items = new Map(secrets.items);
    secrets.failFrom = 2;
    await expect(replace(service)).rejects.toMatchObject({ kind: 'keychain' });
    expect(secrets.items).toEqual(items);
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe(before);
    for (const id of [a.id, b.id]) await expect(service.secretOf(id, service.revisionOf(id))).resolves.toBe(OLD_SECRET);
  });

  it('leaves every profile as it was, and no new item, when the file cannot be written', async () => {
    const { dir, secrets, file, service, a } = await setup();
    const before = await readFile(join(dir, 'profiles.json'), 'utf8');
    const items = new Map(secrets.items);
    file.failNext = true;
    await expect(replace(service)).rejects.toThrow('disk full');
    expect(secrets.items).toEqual(items);
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe(before);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await expect(service.secretOf(a.id)).resolves.toBe(OLD_SECRET);
    // A later attempt goes through.
    expect(await replace(service)).toHaveLength(2);
  });

  it('edits and removes a moved profile through the item it now names', async () => {
    const { secrets, service, a } = await setup();
    await replace(service);
    const account = (await service.get(a.id)).secretAccount!;
    await service.update(ProfileUpdateInput.parse({ id: a.id, clientSecret: 'cs_typed-later' }));
    expect(secrets.items.get(account)).toBe('cs_typed-later');
    await expect(service.secretOf(a.id)).resolves.toBe('cs_typed-later');
    await service.remove(a.id);
    expect(secrets.items.has(account)).toBe(false);
    expect([...secrets.items.keys()].some((key) => key.includes(a.id))).toBe(false);
  });
});
