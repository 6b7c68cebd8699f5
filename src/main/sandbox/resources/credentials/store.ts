import { createHash, timingSafeEqual } from 'node:crypto';
import { newClientId, newClientSecret, newRandomClientSecret } from '../../random';
import { SortedCollection } from '../../sorted-collection';
import { required, type StoreContext } from '../../store-context';
import type { ServiceAccountStore } from '../service-accounts/store';

/** A service account's client-credentials login. The secret is server-only: presenters leave it out. */
export interface CredentialRecord {
  readonly id: string;
  readonly service_account_id: string;
  readonly name: string;
  readonly description?: string;
  readonly client_id: string;
  readonly client_secret: string;
  readonly created_at: string;
  readonly last_used_at?: string;
}

export class CredentialStore {
  readonly #context: StoreContext;
  readonly #serviceAccounts: ServiceAccountStore;
  readonly #records = new SortedCollection<CredentialRecord>();
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

  create(input: { service_account_id: string; name: string; description?: string; at?: string }): CredentialRecord {
    required(this.#serviceAccounts.get(input.service_account_id), 'service account', input.service_account_id);
    const random = this.#context.random;
    let clientId = newClientId(random);
    while (this.#idByClientId.has(clientId)) clientId = newClientId(random);
    // The ID is drawn before the secret: the seed's credentials depend on that order.
    const id = this.#context.newId();
    const record: CredentialRecord = {
      id,
      service_account_id: input.service_account_id,
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
      client_id: clientId,
      client_secret: this.#context.randomSecrets ? newRandomClientSecret() : newClientSecret(random),
      created_at: input.at ?? this.#context.timestamp(),
    };
    this.#records.insert(record);
    this.#idByClientId.set(clientId, record.id);
    return record;
  }

  /**
   * Checks a client's secret in constant time. Unknown client IDs still go through
   * a comparison so response timing does not tell which client IDs exist.
   */
  authenticate(clientId: string, clientSecret: string): CredentialRecord | undefined {
    const credentialId = this.#idByClientId.get(clientId);
    const credential = credentialId === undefined ? undefined : this.#records.get(credentialId);
    const expected = digest(credential?.client_secret ?? 'no such client');
    const matches = timingSafeEqual(expected, digest(clientSecret));
    if (credential === undefined || !matches) return undefined;
    const used: CredentialRecord = { ...credential, last_used_at: this.#context.timestamp() };
    this.#records.replace(used);
    return used;
  }
}

/** Equal-length inputs for timingSafeEqual whatever the secrets' lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
