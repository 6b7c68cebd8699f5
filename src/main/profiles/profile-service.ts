import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  Environment,
  KeychainStatus,
  ProfileCreateInput,
  ProfileList,
  ProfileUpdateInput,
  ProfileView,
} from '../../shared/ipc/profiles';
import { InvalidInputError, NotFoundError, OrgdeskError } from '../errors';
import type { Logger } from '../log';
import { newProfileSecretAccount } from '../secrets/keychain-accounts';
import { KeychainError, SecretAlteredError, type SecretStore } from '../secrets/secret-store';
import type { ProfileFile } from './profile-file';
import type { ProfilesFile, StoredProfile } from './stored-profile';

type CreateInput = z.output<typeof ProfileCreateInput>;
type UpdateInput = z.output<typeof ProfileUpdateInput>;

/** Change listeners learn which profile changed so cached clients and tokens can be dropped. */
export type ProfileChangeListener = (id: string) => void;

/**
 * Profiles: non-secret data in `profiles.json`, the secret in the keychain under the
 * profile's ID. Order of writes is chosen so a failure never leaves a secret in plain text
 * and never leaves a profile pointing at a secret that was not saved.
 */
export class ProfileService {
  #loading: Promise<ProfilesFile> | undefined;
  /**
   * Bumped in memory before a profile's secret or address changes. A client built at an older
   * revision can no longer read the secret, so a request already under way cannot carry a new
   * secret to the old server.
   */
  #revisions = new Map<string, number>();
  #keychain: KeychainStatus = { available: true };
  /** Profiles whose secret the keychain did not return when last asked. */
  #missing = new Set<string>();
  #listeners = new Set<ProfileChangeListener>();
  /** Serializes read-modify-write cycles of the profiles file. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: ProfileFile,
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
  ) {}

  onChange(listener: ProfileChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Never touches the keychain: listing happens at every start and refresh, and asking the
   * keychain would unlock prompts and read secrets into memory for no login. A profile is
   * written only after its secret was saved, so it has one unless the keychain said otherwise
   * since (`#missing`); the keychain's state is what its last answer was.
   */
  async list(): Promise<ProfileList> {
    const data = await this.#load();
    return {
      profiles: data.profiles.map((p) => toView(p, this.#secretStored(p))),
      keychain: { ...this.#keychain },
      problems: [...this.file.problems],
    };
  }

  /** Waits for changes under way, so a client is never built from a profile about to change. */
  async get(id: string): Promise<StoredProfile> {
    await this.#queue;
    const profile = (await this.#load()).profiles.find((p) => p.id === id);
    if (!profile) throw new NotFoundError('This profile no longer exists. It may have been removed in another window.');
    return profile;
  }

  revisionOf(id: string): number {
    return this.#revisions.get(id) ?? 0;
  }

  /**
   * The profile's stored secret (client secret or bearer token), read when needed and not kept.
   * With `revision`, only while the profile is still at that revision.
   */
  async secretOf(id: string, revision?: number): Promise<string> {
    if (revision !== undefined && revision !== this.revisionOf(id)) throw profileChanged();
    const profile = (await this.#load()).profiles.find((p) => p.id === id);
    if (!profile) throw new NotFoundError('This profile no longer exists. It may have been removed in another window.');
    const secret = await this.#keychainCall(() => this.secrets.get(secretAccountOf(profile)));
    // A change since may have moved the secret: what was read belongs to the old revision.
    if (revision !== undefined && revision !== this.revisionOf(id)) throw profileChanged();
    if (secret === null) {
      this.#missing.add(id);
      const path = profile.auth.kind === 'bearer' ? 'token' : 'clientSecret';
      throw new InvalidInputError(
        'The keychain gave no secret for this profile. If your keychain is locked, unlock it and try again; otherwise edit the profile and enter the secret.',
        [{ path, message: 'Not found in the keychain' }],
      );
    }
    if (revision !== undefined && revision !== this.revisionOf(id)) throw profileChanged();
    this.#missing.delete(id);
    return secret;
  }

  create(input: CreateInput): Promise<ProfileView> {
    return this.#mutate(async (data) => {
      const now = new Date().toISOString();
      const profile: StoredProfile = {
        id: randomUUID(),
        name: input.name,
        baseUrl: input.baseUrl,
        color: input.color,
        ...(input.environment ? { environment: input.environment } : {}),
        auth:
          input.authKind === 'client_credentials'
            ? { kind: 'client_credentials', clientId: input.clientId }
            : { kind: 'bearer' },
        createdAt: now,
        updatedAt: now,
      };
      // Keychain first: if it refuses, nothing has been written anywhere.
      try {
        await this.#keychainCall(() =>
          this.secrets.set(profile.id, input.authKind === 'client_credentials' ? input.clientSecret : input.token),
        );
      } catch (error) {
        // The ID is new, so whatever a failed save left under it belongs to no profile.
        await this.secrets.delete(profile.id).catch(() => undefined);
        throw error;
      }
      try {
        await this.file.write({ ...data, profiles: [...data.profiles, profile] });
      } catch (error) {
        await this.secrets.delete(profile.id).catch(() => undefined);
        throw error;
      }
      data.profiles.push(profile);
      this.logger.info('profiles.created', { profileId: profile.id, authKind: profile.auth.kind });
      return toView(profile, true);
    });
  }

  /** Adds the embedded sandbox's profile, or returns the one already there. */
  addSandbox(color: string): Promise<ProfileView> {
    return this.#mutate(async (data) => {
      const existing = data.profiles.find((p) => p.auth.kind === 'sandbox');
      if (existing) return toView(existing, false);
      const now = new Date().toISOString();
      const profile: StoredProfile = {
        id: randomUUID(),
        name: 'Sandbox',
        baseUrl: SANDBOX_BASE_URL,
        color,
        environment: 'sandbox',
        auth: { kind: 'sandbox' },
        createdAt: now,
        updatedAt: now,
      };
      await this.file.write({ ...data, profiles: [...data.profiles, profile] });
      data.profiles.push(profile);
      this.logger.info('profiles.created', { profileId: profile.id, authKind: 'sandbox' });
      return toView(profile, false);
    });
  }

  update(input: UpdateInput): Promise<ProfileView> {
    return this.#mutate(async (data) => {
      const index = data.profiles.findIndex((p) => p.id === input.id);
      const current = data.profiles[index];
      if (!current)
        throw new NotFoundError('This profile no longer exists. It may have been removed in another window.');
      const next = applyUpdate(current, input);
      const secret = newSecretOf(current, input);
      this.#retire(current.id);
      let previous: string | null = null;
      if (secret !== undefined) {
        previous = await this.#keychainCall(() => this.secrets.get(secretAccountOf(current)));
        try {
          await this.#keychainCall(() => this.secrets.set(secretAccountOf(current), secret));
        } catch (error) {
          // The store removed what the keychain made of the new secret: the old one goes back.
          if (error instanceof SecretAlteredError) await this.#restoreSecret(current, previous);
          throw error;
        }
        this.#missing.delete(current.id);
      }
      const profiles = data.profiles.with(index, next);
      try {
        await this.file.write({ ...data, profiles });
      } catch (error) {
        // The file still names the old server and client ID: put the old secret back with them.
        if (secret !== undefined) await this.#restoreSecret(current, previous);
        throw error;
      }
      data.profiles = profiles;
      this.logger.info('profiles.updated', { profileId: current.id, secretReplaced: secret !== undefined });
      return toView(next, this.#secretStored(next));
    });
  }

  remove(id: string): Promise<{ id: string }> {
    return this.#mutate(async (data) => {
      const profile = data.profiles.find((p) => p.id === id);
      if (!profile)
        throw new NotFoundError('This profile no longer exists. It may have been removed in another window.');
      this.#retire(id);
      // Keychain first: if the item cannot be deleted the profile stays, so no secret is orphaned.
      if (profile.auth.kind !== 'sandbox')
        await this.#keychainCall(() => this.secrets.delete(secretAccountOf(profile)));
      const profiles = data.profiles.filter((p) => p.id !== id);
      try {
        await this.file.write({ ...data, profiles });
      } catch (error) {
        if (profile.auth.kind !== 'sandbox') this.#missing.add(id);
        throw error;
      }
      data.profiles = profiles;
      this.#missing.delete(id);
      this.logger.info('profiles.removed', { profileId: id });
      return { id };
    });
  }

  /** The client-credentials profiles that sign in to `baseUrl`'s server with `clientId`. */
  async profilesUsing(baseUrl: string, clientId: string): Promise<string[]> {
    await this.#queue;
    return (await this.#load()).profiles.filter((p) => signsInWith(p, baseUrl, clientId)).map((p) => p.id);
  }

  /**
   * Moves every profile that signs in to `baseUrl`'s server with `fromClientId` to another client
   * ID and secret, all together, and answers their IDs. Each new secret is written under a new
   * keychain name first (read back), then the profiles file points every profile at its new
   * name in one write, then the old items are deleted. A failure before the file is written
   * deletes the new items and leaves every profile as it was; a crash leaves at most an unused
   * item, never a profile whose client ID and secret do not match.
   */
  replaceClientCredentials(
    match: { baseUrl: string; fromClientId: string },
    to: { clientId: string; clientSecret: string },
  ): Promise<string[]> {
    return this.#mutate(async (data) => {
      const moving = data.profiles.filter((p) => signsInWith(p, match.baseUrl, match.fromClientId));
      if (moving.length === 0) return [];
      const accounts = new Map<string, string>();
      const dropNew = async (): Promise<void> => {
        for (const account of accounts.values()) await this.secrets.delete(account).catch(() => undefined);
      };
      for (const profile of moving) this.#retire(profile.id);
      try {
        for (const profile of moving) {
          const account = newProfileSecretAccount(profile.id);
          accounts.set(profile.id, account);
          await this.#keychainCall(() => this.secrets.set(account, to.clientSecret));
        }
      } catch (error) {
        await dropNew();
        throw error;
      }
      const now = new Date().toISOString();
      const profiles = data.profiles.map((p): StoredProfile => {
        const account = accounts.get(p.id);
        if (account === undefined) return p;
        return {
          ...p,
          auth: { kind: 'client_credentials', clientId: to.clientId },
          secretAccount: account,
          updatedAt: now,
        };
      });
      try {
        await this.file.write({ ...data, profiles });
      } catch (error) {
        await dropNew();
        throw error;
      }
      data.profiles = profiles;
      for (const profile of moving) {
        this.#missing.delete(profile.id);
        // The profile no longer names the old item; one that will not go only takes up a line in the keychain.
        await this.secrets.delete(secretAccountOf(profile)).catch((error: unknown) => {
          this.logger.warn('profiles.old_secret_left', { profileId: profile.id, error });
        });
      }
      const ids = moving.map((p) => p.id);
      this.logger.info('profiles.credentials_replaced', { profileIds: ids, clientId: to.clientId });
      return ids;
    });
  }

  /** Cuts off clients of the profile's current revision before its secret or address changes. */
  #retire(id: string): void {
    this.#revisions.set(id, this.revisionOf(id) + 1);
    this.#emit(id);
  }

  async #restoreSecret(profile: StoredProfile, previous: string | null): Promise<void> {
    try {
      if (previous === null) await this.secrets.delete(secretAccountOf(profile));
      else await this.secrets.set(secretAccountOf(profile), previous);
    } catch (error) {
      this.#missing.add(profile.id);
      this.logger.error('profiles.secret_restore_failed', { profileId: profile.id, error });
    }
  }

  #secretStored(profile: StoredProfile): boolean {
    return profile.auth.kind !== 'sandbox' && !this.#missing.has(profile.id);
  }

  /** Runs a keychain operation and remembers whether the keychain answered, for the status banner. */
  async #keychainCall<T>(operation: () => Promise<T>): Promise<T> {
    try {
      const result = await operation();
      this.#keychain = { available: true };
      return result;
    } catch (error) {
      // A keychain that changed a secret did answer: it is there, it just cannot hold that value.
      if (error instanceof SecretAlteredError) this.#keychain = { available: true };
      else if (error instanceof KeychainError) this.#keychain = { available: false, message: error.message };
      throw error;
    }
  }

  /** One read of the file however many callers arrive first; a corrupt file is moved aside once. */
  #load(): Promise<ProfilesFile> {
    if (!this.#loading) {
      const loading = this.file.read();
      // A failed read is not remembered, so Retry reads again once the file is fixed.
      loading.catch(() => {
        if (this.#loading === loading) this.#loading = undefined;
      });
      this.#loading = loading;
    }
    return this.#loading;
  }

  #mutate<T>(work: (data: ProfilesFile) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => work(await this.#load());
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  #emit(id: string): void {
    for (const listener of this.#listeners) listener(id);
  }
}

/** Where the profile's secret is in the keychain. */
export function secretAccountOf(profile: StoredProfile): string {
  return profile.secretAccount ?? profile.id;
}

function signsInWith(profile: StoredProfile, baseUrl: string, clientId: string): boolean {
  return (
    profile.auth.kind === 'client_credentials' &&
    profile.auth.clientId === clientId &&
    sameServer(profile.baseUrl, baseUrl)
  );
}

/** Same origin; an address without one (`sandbox:embedded`) only matches itself. */
function sameServer(a: string, b: string): boolean {
  const origin = URL.parse(a)?.origin;
  return origin !== undefined && origin !== 'null' ? origin === URL.parse(b)?.origin : a === b;
}

function profileChanged(): OrgdeskError {
  return new OrgdeskError('auth', 'This profile was changed while a request was under way. Try again.', {
    code: 'profile_changed',
  });
}

/** What a sandbox profile stores as its base URL: the real address changes at every start. */
export const SANDBOX_BASE_URL = 'sandbox:embedded';

export function toView(profile: StoredProfile, secretStored: boolean): ProfileView {
  return {
    id: profile.id,
    name: profile.name,
    baseUrl: profile.baseUrl,
    color: profile.color,
    // A sandbox profile saved before environments existed is still the sandbox.
    ...withEnvironment(profile.environment ?? (profile.auth.kind === 'sandbox' ? 'sandbox' : undefined)),
    authKind: profile.auth.kind,
    ...(profile.auth.kind === 'client_credentials' ? { clientId: profile.auth.clientId } : {}),
    secretStored,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
  };
}

/** The profile as it would be after `input`, without its secret. Shared by save and "test unsaved edits". */
export function applyUpdate(current: StoredProfile, input: Omit<UpdateInput, 'id'>): StoredProfile {
  const kind = input.authKind ?? current.auth.kind;
  if (
    current.auth.kind === 'sandbox' &&
    (input.authKind || input.baseUrl || input.clientId || input.clientSecret || input.token)
  ) {
    throw new InvalidInputError('The sandbox profile can only be renamed or recoloured.', [
      { path: 'baseUrl', message: 'Fixed for the sandbox profile' },
    ]);
  }
  if (current.auth.kind === 'sandbox' && input.environment !== undefined && input.environment !== 'sandbox') {
    throw new InvalidInputError('The sandbox profile can only be renamed or recoloured.', [
      { path: 'environment', message: 'The embedded sandbox is always the sandbox environment' },
    ]);
  }
  let auth = current.auth;
  if (kind === 'client_credentials') {
    const clientId = input.clientId ?? (current.auth.kind === 'client_credentials' ? current.auth.clientId : undefined);
    if (!clientId)
      throw new InvalidInputError('Enter the client ID', [{ path: 'clientId', message: 'Enter the client ID' }]);
    auth = { kind, clientId };
  } else if (kind === 'bearer') {
    auth = { kind };
  }
  const { environment: currentEnvironment, ...rest } = current;
  return {
    ...rest,
    name: input.name ?? current.name,
    baseUrl: input.baseUrl ?? current.baseUrl,
    color: input.color ?? current.color,
    // `null` takes it off; absent keeps it.
    ...withEnvironment(input.environment === undefined ? currentEnvironment : (input.environment ?? undefined)),
    auth,
    updatedAt: new Date().toISOString(),
  };
}

/** The `environment` property when there is one: the file and the view leave it out rather than writing null. */
function withEnvironment(environment: Environment | undefined): { environment?: Environment } {
  return environment === undefined ? {} : { environment };
}

/**
 * The secret `input` brings, or `undefined` to keep the stored one. Switching kinds requires
 * a new one, and so does moving to another server: a stored secret is only ever sent to the
 * origin it was saved for, so an edited URL cannot carry it elsewhere.
 */
export function newSecretOf(current: StoredProfile, input: Omit<UpdateInput, 'id'>): string | undefined {
  const kind = input.authKind ?? current.auth.kind;
  const given = kind === 'bearer' ? input.token?.trim() : input.clientSecret;
  if (given) return given;
  const path = kind === 'bearer' ? 'token' : 'clientSecret';
  const ask = kind === 'bearer' ? 'Paste the bearer token' : 'Enter the client secret';
  if (kind !== current.auth.kind)
    throw new InvalidInputError('A new sign-in method needs its secret', [{ path, message: ask }]);
  if (input.baseUrl !== undefined && !sameOrigin(input.baseUrl, current.baseUrl)) {
    throw new InvalidInputError('A new server needs the secret again', [
      { path, message: `${ask}: the stored one is only sent to ${new URL(current.baseUrl).host}` },
    ]);
  }
  return undefined;
}

export function sameOrigin(a: string, b: string): boolean {
  return URL.parse(a)?.origin === URL.parse(b)?.origin;
}
