import { createHash, timingSafeEqual } from 'node:crypto';
import { newClientId, newClientSecret, newRandomClientSecret } from '../../random';
import { SortedCollection } from '../../sorted-collection';
import { required, type StoreContext } from '../../store-context';
import type { ServiceAccountPatch, ServiceAccountStore } from '../service-accounts/store';

/**
 * A service account's client-credentials login. The secret itself is not kept, only its SHA-256:
 * whoever reads the store cannot log in with what they read.
 */
export interface CredentialRecord {
  readonly id: string;
  readonly service_account_id: string;
  readonly name: string;
  readonly description?: string;
  readonly client_id: string;
  /** Hex. A plain hash is enough: the secrets are 238 random bits, not passwords a slow hash must protect. */
  readonly client_secret_sha256: string;
  readonly created_at: string;
  readonly last_used_at?: string;
}

/** What a create hands back: the record, and the secret, which exists nowhere else once this is dropped. */
export interface CreatedCredentialRecord {
  readonly record: CredentialRecord;
  readonly clientSecret: string;
}

export type CredentialPatch = ServiceAccountPatch;

export class CredentialStore {
  readonly #context: StoreContext;
  readonly #serviceAccounts: ServiceAccountStore;
  readonly #records = new SortedCollection<CredentialRecord>();
  readonly #byServiceAccount = new Map<string, SortedCollection<CredentialRecord>>();
  readonly #idByClientId = new Map<string, string>();

  constructor(context: StoreContext, serviceAccounts: ServiceAccountStore) {
    this.#context = context;
    this.#serviceAccounts = serviceAccounts;
  }

  get(id: string): CredentialRecord | undefined {
    return this.#records.get(id);
  }

  all(): readonly CredentialRecord[] {
    return this.#records.all();
  }

  /** A service account's credentials, in creation order. */
  of(serviceAccountId: string): readonly CredentialRecord[] {
    return this.#byServiceAccount.get(serviceAccountId)?.all() ?? [];
  }

  create(input: {
    service_account_id: string;
    name: string;
    description?: string;
    at?: string;
  }): CreatedCredentialRecord {
    required(this.#serviceAccounts.get(input.service_account_id), 'service account', input.service_account_id);
    const random = this.#context.random;
    let clientId = newClientId(random);
    while (this.#idByClientId.has(clientId)) clientId = newClientId(random);
    // The ID is drawn before the secret: the seed's credentials depend on that order.
    const id = this.#context.newId();
    const clientSecret = this.#context.randomSecrets ? newRandomClientSecret() : newClientSecret(random);
    const record: CredentialRecord = {
      id,
      service_account_id: input.service_account_id,
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
      client_id: clientId,
      client_secret_sha256: digest(clientSecret).toString('hex'),
      created_at: input.at ?? this.#context.timestamp(),
    };
    this.#records.insert(record);
    this.#owned(record.service_account_id).insert(record);
    this.#idByClientId.set(clientId, record.id);
    return { record, clientSecret };
  }

  update(id: string, patch: CredentialPatch): CredentialRecord {
    const { description: previous, ...current } = required(this.#records.get(id), 'credential', id);
    const description = patch.description === undefined ? previous : (patch.description ?? undefined);
    const next: CredentialRecord = {
      ...current,
      name: patch.name ?? current.name,
      ...(description === undefined ? {} : { description }),
    };
    this.#put(next);
    return next;
  }

  /** Revokes a credential: its secret no longer logs in (tokens it issued are refused, see `SandboxState`). */
  remove(id: string): CredentialRecord | undefined {
    const record = this.#records.remove(id);
    if (record === undefined) return undefined;
    this.#owned(record.service_account_id).remove(id);
    this.#idByClientId.delete(record.client_id);
    return record;
  }

  /** Revokes every credential of a service account; answers how many there were. */
  removeAllOf(serviceAccountId: string): number {
    const owned = [...this.of(serviceAccountId)];
    for (const record of owned) this.remove(record.id);
    this.#byServiceAccount.delete(serviceAccountId);
    return owned.length;
  }

  /**
   * Checks a client's secret in constant time. Unknown client IDs still go through
   * a comparison so response timing does not tell which client IDs exist.
   */
  authenticate(clientId: string, clientSecret: string): CredentialRecord | undefined {
    const credentialId = this.#idByClientId.get(clientId);
    const credential = credentialId === undefined ? undefined : this.#records.get(credentialId);
    const expected =
      credential === undefined ? UNKNOWN_CLIENT_DIGEST : Buffer.from(credential.client_secret_sha256, 'hex');
    const matches = timingSafeEqual(expected, digest(clientSecret));
    if (credential === undefined || !matches) return undefined;
    const used: CredentialRecord = { ...credential, last_used_at: this.#context.timestamp() };
    this.#put(used);
    return used;
  }

  #put(record: CredentialRecord): void {
    this.#records.replace(record);
    this.#owned(record.service_account_id).replace(record);
  }

  #owned(serviceAccountId: string): SortedCollection<CredentialRecord> {
    let owned = this.#byServiceAccount.get(serviceAccountId);
    if (owned === undefined) {
      owned = new SortedCollection<CredentialRecord>();
      this.#byServiceAccount.set(serviceAccountId, owned);
    }
    return owned;
  }
}

/** SHA-256, which also gives timingSafeEqual equal-length inputs whatever the secrets' lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

const UNKNOWN_CLIENT_DIGEST = digest('no such client');
