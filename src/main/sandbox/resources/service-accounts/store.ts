import { SortedCollection } from '../../sorted-collection';
import { required, type StoreContext } from '../../store-context';

/** A service account is owned by one organization but may hold roles in others (the primary one does). */
export interface ServiceAccountRecord {
  readonly id: string;
  readonly organization_id: string;
  readonly name: string;
  readonly description?: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ServiceAccountPatch {
  name?: string;
  /** `null` clears the description; absent keeps it. */
  description?: string | null;
}

export class ServiceAccountStore {
  readonly #context: StoreContext;
  /** Every account in creation order (the seed fingerprint reads this order). */
  readonly #records = new SortedCollection<ServiceAccountRecord>();
  readonly #byOrganization = new Map<string, SortedCollection<ServiceAccountRecord>>();

  constructor(context: StoreContext) {
    this.#context = context;
  }

  get(id: string): ServiceAccountRecord | undefined {
    return this.#records.get(id);
  }

  all(): readonly ServiceAccountRecord[] {
    return this.#records.all();
  }

  /** The accounts an organization owns, in creation order. */
  of(organizationId: string): readonly ServiceAccountRecord[] {
    return this.#byOrganization.get(organizationId)?.all() ?? [];
  }

  /** The organization's account with this name, compared as the 409 on a duplicate compares: ignoring case. */
  findByName(organizationId: string, name: string): ServiceAccountRecord | undefined {
    const wanted = name.toLowerCase();
    return this.of(organizationId).find((account) => account.name.toLowerCase() === wanted);
  }

  create(input: { organization_id: string; name: string; description?: string; at?: string }): ServiceAccountRecord {
    const at = input.at ?? this.#context.timestamp();
    const record: ServiceAccountRecord = {
      id: this.#context.newId(),
      organization_id: input.organization_id,
      name: input.name,
      ...(input.description === undefined ? {} : { description: input.description }),
      created_at: at,
      updated_at: at,
    };
    this.#records.insert(record);
    this.#owned(input.organization_id).insert(record);
    return record;
  }

  update(id: string, patch: ServiceAccountPatch): ServiceAccountRecord {
    const { description: previous, ...current } = required(this.#records.get(id), 'service account', id);
    const description = patch.description === undefined ? previous : (patch.description ?? undefined);
    const next: ServiceAccountRecord = {
      ...current,
      name: patch.name ?? current.name,
      ...(description === undefined ? {} : { description }),
      updated_at: this.#context.laterTimestamp(current.updated_at),
    };
    this.#records.replace(next);
    this.#owned(next.organization_id).replace(next);
    return next;
  }

  remove(id: string): ServiceAccountRecord | undefined {
    const record = this.#records.remove(id);
    if (record !== undefined) this.#owned(record.organization_id).remove(id);
    return record;
  }

  #owned(organizationId: string): SortedCollection<ServiceAccountRecord> {
    let owned = this.#byOrganization.get(organizationId);
    if (owned === undefined) {
      owned = new SortedCollection<ServiceAccountRecord>();
      this.#byOrganization.set(organizationId, owned);
    }
    return owned;
  }
}
