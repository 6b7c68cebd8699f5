import { SortedCollection } from '../../sorted-collection';
import type { StoreContext } from '../../store-context';

/** A service account is owned by one organization but may hold roles in others (the primary one does). */
export interface ServiceAccountRecord {
  readonly id: string;
  readonly organization_id: string;
  readonly name: string;
  readonly description?: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export class ServiceAccountStore {
  readonly #context: StoreContext;
  readonly #records = new SortedCollection<ServiceAccountRecord>();

  constructor(context: StoreContext) {
    this.#context = context;
  }

  get(id: string): ServiceAccountRecord | undefined {
    return this.#records.get(id);
  }

  all(): readonly ServiceAccountRecord[] {
    return this.#records.all();
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
    return record;
  }
}
