import { deriveLabel } from '../../labels';
import { SortedCollection } from '../../sorted-collection';
import { required, type StoreContext } from '../../store-context';

/**
 * Records carry the wire field names so route files can present them without
 * renaming; server-only fields (secrets, owners) are left out by the presenters.
 */
export interface OrganizationRecord {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly sso_enabled: boolean;
  readonly created_at: string;
  readonly updated_at: string;
}

export class OrganizationStore {
  readonly #context: StoreContext;
  readonly #records = new SortedCollection<OrganizationRecord>();
  readonly #idByLabel = new Map<string, string>();

  constructor(context: StoreContext) {
    this.#context = context;
  }

  get size(): number {
    return this.#records.size;
  }

  get(id: string): OrganizationRecord | undefined {
    return this.#records.get(id);
  }

  /** All organizations in creation order; the array is the store's own, do not mutate it. */
  all(): readonly OrganizationRecord[] {
    return this.#records.all();
  }

  /** The path parameter `{organization_id}` takes an ID or a label; IDs are tried first. */
  find(idOrLabel: string): OrganizationRecord | undefined {
    const byId = this.#records.get(idOrLabel);
    if (byId !== undefined) return byId;
    const id = this.#idByLabel.get(idOrLabel);
    return id === undefined ? undefined : this.#records.get(id);
  }

  /** `at` lets the seed back-date records; runtime creations use the clock. */
  create(input: { name: string; at?: string; sso_enabled?: boolean }): OrganizationRecord {
    const at = input.at ?? this.#context.timestamp();
    const id = this.#unusedId();
    // A label equal to another organization's ID would make `{organization_id}` ambiguous.
    const label = deriveLabel(input.name, (l) => this.#idByLabel.has(l) || this.#records.get(l) !== undefined);
    const record: OrganizationRecord = {
      id,
      name: input.name,
      label,
      sso_enabled: input.sso_enabled ?? false,
      created_at: at,
      updated_at: at,
    };
    this.#records.insert(record);
    this.#idByLabel.set(label, id);
    return record;
  }

  update(id: string, patch: { name?: string }): OrganizationRecord {
    const current = required(this.#records.get(id), 'organization', id);
    // The label is not re-derived: the vendor derives it once, at creation, and
    // clients may have stored URLs that use it.
    const next: OrganizationRecord = {
      ...current,
      name: patch.name ?? current.name,
      updated_at: this.#context.laterTimestamp(current.updated_at),
    };
    this.#records.replace(next);
    return next;
  }

  /**
   * Only `SandboxState` calls this, as the SSO connection appears or goes. `updated_at` stays:
   * the organization's own fields were not edited, and the connection has its own times.
   */
  setSsoEnabled(id: string, enabled: boolean): OrganizationRecord {
    const current = required(this.#records.get(id), 'organization', id);
    const next: OrganizationRecord = { ...current, sso_enabled: enabled };
    this.#records.replace(next);
    return next;
  }

  #unusedId(): string {
    let id = this.#context.newId();
    while (this.#records.get(id) !== undefined || this.#idByLabel.has(id)) id = this.#context.newId();
    return id;
  }
}
