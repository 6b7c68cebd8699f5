import type { OrganizationRole, UserStatus } from '../../../../shared/api/users';
import { SortedCollection } from '../../sorted-collection';
import type { StoreContext } from '../../store-context';

export interface UserRecord {
  readonly id: string;
  readonly organization_id: string;
  readonly email?: string;
  readonly role: OrganizationRole;
  readonly status: UserStatus;
  readonly source: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** Users belong to one organization each; the store keeps one ordered collection per organization. */
export class UserStore {
  readonly #context: StoreContext;
  readonly #organizationExists: (organizationId: string) => boolean;
  readonly #byOrganization = new Map<string, SortedCollection<UserRecord>>();

  constructor(context: StoreContext, organizationExists: (organizationId: string) => boolean) {
    this.#context = context;
    this.#organizationExists = organizationExists;
  }

  add(input: Omit<UserRecord, 'id'> & { id?: string }): UserRecord {
    const users = this.of(input.organization_id);
    const record: UserRecord = { ...input, id: input.id ?? this.#context.newId() };
    users.insert(record);
    return record;
  }

  /** The organization's users; throws for an organization that does not exist. */
  of(organizationId: string): SortedCollection<UserRecord> {
    let users = this.#byOrganization.get(organizationId);
    if (users === undefined) {
      if (!this.#organizationExists(organizationId)) throw new Error(`unknown organization ${organizationId}`);
      users = new SortedCollection<UserRecord>();
      this.#byOrganization.set(organizationId, users);
    }
    return users;
  }
}
