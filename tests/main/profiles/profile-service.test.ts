import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProfileCreateInput, ProfileUpdateInput } from '../../../src/shared/ipc/profiles';
import { silentLogger } from '../../../src/main/log';
import { ProfileFile } from '../../../src/main/profiles/profile-file';
import { ProfileService } from '../../../src/main/profiles/profile-service';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { LibsecretLikeKeytar } from '../../support/libsecret-like-keytar';
import { MemorySecretStore } from '../../support/memory-secret-store';

const SECRET = 'cs_unit-test-secret-7f3a9c';

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'orgdesk-profiles-'));
  const secrets = new MemorySecretStore();
  const service = new ProfileService(new ProfileFile(dir, silentLogger), secrets, silentLogger);
  return { dir, secrets, service };
}

const draft = ProfileCreateInput.parse({
  name: 'Acme production',
  baseUrl: 'https://api.keycard.ai/',
  color: '#2563eb',
  authKind: 'client_credentials',
  clientId: 'sa_client',
  clientSecret: SECRET,
});

describe('ProfileService', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    ctx = await setup();
  });

  it('keeps the secret in the keychain and only non-secret fields on disk', async () => {
    const view = await ctx.service.create(draft);
    expect(view).toMatchObject({ name: 'Acme production', baseUrl: 'https://api.keycard.ai', secretStored: true });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(ctx.secrets.items.get(view.id)).toBe(SECRET);
    const onDisk = await readFile(join(ctx.dir, 'profiles.json'), 'utf8');
    expect(onDisk).toContain('sa_client');
    expect(onDisk).not.toContain(SECRET);
    expect((await readdir(ctx.dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing when the keychain refuses the secret', async () => {
    ctx.secrets.locked = true;
    await expect(ctx.service.create(draft)).rejects.toMatchObject({ kind: 'keychain' });
    await expect(readdir(ctx.dir)).resolves.not.toContain('profiles.json');
    ctx.secrets.locked = false;
    expect((await ctx.service.list()).profiles).toEqual([]);
  });

  it('keeps the stored secret when an edit leaves it empty, and replaces it when one is typed', async () => {
    const { id } = await ctx.service.create(draft);
    const renamed = await ctx.service.update(ProfileUpdateInput.parse({ id, name: 'Acme prod', clientSecret: '' }));
    expect(renamed).toMatchObject({ name: 'Acme prod', secretStored: true });
    expect(ctx.secrets.items.get(id)).toBe(SECRET);
    await ctx.service.update(ProfileUpdateInput.parse({ id, clientSecret: 'cs_rotated' }));
    expect(ctx.secrets.items.get(id)).toBe('cs_rotated');
  });

  it('asks for the new secret when the sign-in method changes', async () => {
    const { id } = await ctx.service.create(draft);
    await expect(ctx.service.update(ProfileUpdateInput.parse({ id, authKind: 'bearer' }))).rejects.toMatchObject({
      kind: 'invalid_input',
      fields: [{ path: 'token', message: 'Paste the bearer token' }],
    });
    const switched = await ctx.service.update(ProfileUpdateInput.parse({ id, authKind: 'bearer', token: 'eyJ.token' }));
    expect(switched).toMatchObject({ authKind: 'bearer', secretStored: true });
    expect(switched.clientId).toBeUndefined();
  });

  it('removes the keychain item with the profile, and keeps the profile when the keychain refuses', async () => {
    const { id } = await ctx.service.create(draft);
    ctx.secrets.locked = true;
    await expect(ctx.service.remove(id)).rejects.toMatchObject({ kind: 'keychain' });
    ctx.secrets.locked = false;
    expect((await ctx.service.list()).profiles).toHaveLength(1);
    await ctx.service.remove(id);
    expect(ctx.secrets.items.has(id)).toBe(false);
    expect((await ctx.service.list()).profiles).toEqual([]);
  });

  it('lists profiles without asking the keychain, and reports the keychain as its last answer left it', async () => {
    await ctx.service.create(draft);
    ctx.secrets.locked = true;
    const list = await ctx.service.list();
    expect(list.keychain).toEqual({ available: true });
    expect(list.profiles[0]?.secretStored).toBe(true);
    await expect(ctx.service.create({ ...draft, name: 'Second' })).rejects.toMatchObject({ kind: 'keychain' });
    const after = await ctx.service.list();
    expect(after.keychain.available).toBe(false);
    expect(after.keychain.message).toMatch(/keychain could not save the secret/);
    expect(after.profiles).toHaveLength(1);
    ctx.secrets.locked = false;
    await ctx.service.create({ ...draft, name: 'Third' });
    expect((await ctx.service.list()).keychain).toEqual({ available: true });
  });

  it('persists across instances', async () => {
    const { id } = await ctx.service.create(draft);
    const again = new ProfileService(new ProfileFile(ctx.dir, silentLogger), ctx.secrets, silentLogger);
    expect((await again.list()).profiles.map((p) => p.id)).toEqual([id]);
  });

  it.each([
    ['not JSON', '{ "version": 1, "profiles": [ '],
    ['the wrong shape', JSON.stringify({ version: 1, profiles: [{ id: 'nope' }] })],
  ])('moves a file that is %s aside, reports it and starts empty', async (_label, content) => {
    await writeFile(join(ctx.dir, 'profiles.json'), content);
    const list = await ctx.service.list();
    expect(list.profiles).toEqual([]);
    expect(list.problems).toHaveLength(1);
    const movedTo = list.problems[0]!.movedTo!;
    expect(movedTo).toContain('profiles.json.corrupt-');
    expect(await readFile(movedTo, 'utf8')).toBe(content);
    expect(list.problems[0]!.message).toContain(movedTo);
    // The next save starts a fresh file and leaves the kept copy alone.
    await ctx.service.create(draft);
    expect(await readFile(movedTo, 'utf8')).toBe(content);
  });

  it('takes a password out of a base URL written before such URLs were refused, and says so', async () => {
    const stored = {
      version: 1,
      profiles: [
        {
          id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
          name: 'Old staging',
          baseUrl: 'https://admin:hunter2-url-password@staging.keycard.test/api',
          color: '#2563eb',
          auth: { kind: 'bearer' },
          createdAt: '2026-01-05T09:00:00.000Z',
          updatedAt: '2026-01-05T09:00:00.000Z',
        },
      ],
    };
    await writeFile(join(ctx.dir, 'profiles.json'), JSON.stringify(stored));
    const list = await ctx.service.list();
    expect(list.profiles[0]?.baseUrl).toBe('https://staging.keycard.test/api');
    expect(JSON.stringify(list)).not.toContain('hunter2-url-password');
    expect(await readFile(join(ctx.dir, 'profiles.json'), 'utf8')).not.toContain('hunter2-url-password');
    expect(list.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('A user name or password was written in the API base URL of "Old staging"'),
    ]);
  });

  it('serializes concurrent creates without losing one', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((n) => ctx.service.create({ ...draft, name: `Profile ${n}` })));
    const again = new ProfileService(new ProfileFile(ctx.dir, silentLogger), ctx.secrets, silentLogger);
    expect((await again.list()).profiles).toHaveLength(5);
  });
});

describe('a profile whose keychain item went missing', () => {
  it('asks for the secret again, on the field of its sign-in method', async () => {
    const { secrets, service } = await setup();
    const { id } = await service.create({
      name: 'Token',
      baseUrl: 'https://api.keycard.ai',
      color: '#2563eb',
      authKind: 'bearer',
      token: 'eyJ.token',
    });
    secrets.items.clear();
    await expect(service.secretOf(id)).rejects.toMatchObject({
      kind: 'invalid_input',
      message: expect.stringContaining('If your keychain is locked, unlock it'),
      fields: [{ path: 'token', message: 'Not found in the keychain' }],
    });
    expect((await service.list()).profiles[0]?.secretStored).toBe(false);
    await service.update(ProfileUpdateInput.parse({ id, token: 'eyJ.new' }));
    expect((await service.list()).profiles[0]?.secretStored).toBe(true);
  });
});

describe('moving a profile to another server', () => {
  it('does not carry the stored secret to a new origin', async () => {
    const { secrets, service } = await setup();
    const { id } = await service.create(draft);
    await expect(
      service.update(ProfileUpdateInput.parse({ id, baseUrl: 'https://keycard.attacker.example' })),
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      fields: [
        { path: 'clientSecret', message: 'Enter the client secret: the stored one is only sent to api.keycard.ai' },
      ],
    });
    // A path below the same origin is still the same server.
    await service.update(ProfileUpdateInput.parse({ id, baseUrl: 'https://api.keycard.ai/v1' }));
    expect(secrets.items.get(id)).toBe(SECRET);
    const moved = await service.update(
      ProfileUpdateInput.parse({ id, baseUrl: 'https://staging.keycard.ai', clientSecret: 'cs_staging' }),
    );
    expect(moved.baseUrl).toBe('https://staging.keycard.ai');
    expect(secrets.items.get(id)).toBe('cs_staging');
  });
});

describe('changes racing requests and failures', () => {
  it('cuts off a client of the old revision before the secret changes', async () => {
    const { service } = await setup();
    const { id } = await service.create(draft);
    const revision = service.revisionOf(id);
    await expect(service.secretOf(id, revision)).resolves.toBe(SECRET);
    await service.update(
      ProfileUpdateInput.parse({ id, baseUrl: 'https://staging.keycard.ai', clientSecret: 'cs_staging' }),
    );
    await expect(service.secretOf(id, revision)).rejects.toMatchObject({ kind: 'auth', code: 'profile_changed' });
    await expect(service.secretOf(id, service.revisionOf(id))).resolves.toBe('cs_staging');
  });

  it('puts the old secret back when the file cannot be written', async () => {
    const { dir, secrets } = await setup();
    class FailingFile extends ProfileFile {
      failNext = false;
      override async write(data: Parameters<ProfileFile['write']>[0]): Promise<void> {
        if (this.failNext) {
          this.failNext = false;
          throw new Error('disk full');
        }
        return super.write(data);
      }
    }
    const file = new FailingFile(dir, silentLogger);
    const service = new ProfileService(file, secrets, silentLogger);
    const { id } = await service.create(draft);
    file.failNext = true;
    await expect(
      service.update(ProfileUpdateInput.parse({ id, baseUrl: 'https://staging.keycard.ai', clientSecret: 'cs_new' })),
    ).rejects.toThrow('disk full');
    expect(secrets.items.get(id)).toBe(SECRET);
    expect((await service.list()).profiles[0]).toMatchObject({ baseUrl: 'https://api.keycard.ai', secretStored: true });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reads the file once when the first calls arrive together', async () => {
    const { dir, secrets } = await setup();
    await writeFile(join(dir, 'profiles.json'), 'not json');
    const service = new ProfileService(new ProfileFile(dir, silentLogger), secrets, silentLogger);
    const [list] = await Promise.all([service.list(), service.create(draft), service.list()]);
    expect(list.problems).toHaveLength(1);
    await service.create({ ...draft, name: 'Second' });
    const again = new ProfileService(new ProfileFile(dir, silentLogger), secrets, silentLogger);
    expect((await again.list()).profiles.map((p) => p.name).sort()).toEqual(['Acme production', 'Second']);
  });

  it('takes no secret for the sandbox profile', async () => {
    const { secrets, service } = await setup();
    const { id } = await service.addSandbox('#2563eb');
    await expect(service.update(ProfileUpdateInput.parse({ id, clientSecret: 'x' }))).rejects.toMatchObject({
      kind: 'invalid_input',
    });
    expect(secrets.items.size).toBe(0);
  });
});

describe('a keychain that changes the secret it is given', () => {
  async function alteringSetup() {
    const dir = await mkdtemp(join(tmpdir(), 'orgdesk-altering-'));
    const keytar = new LibsecretLikeKeytar();
    const service = new ProfileService(
      new ProfileFile(dir, silentLogger),
      createKeytarStore('Orgdesk test', silentLogger, keytar),
      silentLogger,
    );
    return { dir, keytar, service };
  }
  // What the schema refuses, handed to the service directly: the read-back is the second line.
  const cut = 'cs_kept\u0000cs_lost';

  it('adds no profile and leaves no keychain item, without calling the keychain unavailable', async () => {
    const { dir, keytar, service } = await alteringSetup();
    const error = await service
      .create({
        name: 'Cut short',
        baseUrl: 'https://api.keycard.ai',
        color: '#2563eb',
        authKind: 'client_credentials',
        clientId: 'sa_client',
        clientSecret: cut,
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'keychain', code: 'keychain_altered_secret' });
    expect((error as Error).message).not.toContain('cs_');
    expect(keytar.items.size).toBe(0);
    await expect(readdir(dir)).resolves.not.toContain('profiles.json');
    expect(await service.list()).toMatchObject({ profiles: [], keychain: { available: true } });
  });

  it('puts the old secret back and leaves profiles.json as it was when an edit brings one', async () => {
    const { dir, keytar, service } = await alteringSetup();
    const { id } = await service.create(draft);
    const before = await readFile(join(dir, 'profiles.json'), 'utf8');
    await expect(
      service.update({ id, name: 'Renamed', baseUrl: 'https://staging.keycard.ai', clientSecret: 'cs_\uDBFF' }),
    ).rejects.toMatchObject({ code: 'keychain_altered_secret' });
    expect(keytar.items.get(id)).toBe(SECRET);
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).toBe(before);
    expect((await service.list()).profiles[0]).toMatchObject({ name: 'Acme production', secretStored: true });
    await expect(service.secretOf(id)).resolves.toBe(SECRET);
  });
});

describe('the environment of a profile', () => {
  const written = (extra: Record<string, unknown>) => ({
    id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    name: 'Old staging',
    baseUrl: 'https://staging.keycard.test/api',
    color: '#2563eb',
    auth: { kind: 'bearer' },
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...extra,
  });

  it('loads a file written before environments existed, the sandbox profile reading as the sandbox', async () => {
    const { dir, service } = await setup();
    const sandbox = { ...written({}), id: '9b2f4c1e-0d3a-4e5b-8f6a-1c2d3e4f5a6b', name: 'Sandbox' };
    sandbox.auth = { kind: 'sandbox' };
    sandbox.baseUrl = 'sandbox:embedded';
    await writeFile(join(dir, 'profiles.json'), JSON.stringify({ version: 1, profiles: [written({}), sandbox] }));
    const list = await service.list();
    expect(list.problems).toEqual([]);
    expect(list.profiles.map((p) => [p.name, p.environment])).toEqual([
      ['Old staging', undefined],
      ['Sandbox', 'sandbox'],
    ]);
  });

  it('reads an environment it does not know as none, keeping the file and the profile', async () => {
    const { dir, service } = await setup();
    await writeFile(
      join(dir, 'profiles.json'),
      JSON.stringify({ version: 1, profiles: [written({ environment: 'qa' })] }),
    );
    const list = await service.list();
    expect(list.problems).toEqual([]);
    expect(list.profiles).toHaveLength(1);
    expect(list.profiles[0]!.environment).toBeUndefined();
  });

  it('saves it, keeps it through other edits, takes it off with null, and gives the sandbox its own', async () => {
    const { dir, service } = await setup();
    const { id } = await service.create(ProfileCreateInput.parse({ ...draft, environment: 'production' }));
    expect(JSON.parse(await readFile(join(dir, 'profiles.json'), 'utf8')).profiles[0].environment).toBe('production');
    expect(await service.update(ProfileUpdateInput.parse({ id, name: 'Acme prod' }))).toMatchObject({
      environment: 'production',
    });
    const cleared = await service.update(ProfileUpdateInput.parse({ id, environment: null }));
    expect(cleared.environment).toBeUndefined();
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain('environment');
    expect((await service.addSandbox('#16a34a')).environment).toBe('sandbox');
  });

  it('refuses an unknown environment by name, and a sandbox profile made anything but the sandbox', async () => {
    const refused = ProfileCreateInput.safeParse({ ...draft, environment: 'qa' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['environment']);
    const { service } = await setup();
    const { id } = await service.addSandbox('#2563eb');
    await expect(service.update(ProfileUpdateInput.parse({ id, environment: 'production' }))).rejects.toMatchObject({
      kind: 'invalid_input',
      fields: [{ path: 'environment' }],
    });
  });
});
