import type { OrganizationRole, UserStatus } from '../../../../shared/api/users';
import { SortedCollection } from '../../sorted-collection';
import { required, type StoreContext } from '../../store-context';

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

  update(organizationId: string, id: string, patch: { role?: OrganizationRole; status?: UserStatus }): UserRecord {
    const users = this.of(organizationId);
    const current = required(users.get(id), 'user', id);
    const next: UserRecord = {
      ...current,
      role: patch.role ?? current.role,
      status: patch.status ?? current.status,
      updated_at: this.#context.laterTimestamp(current.updated_at),
    };
    users.replace(next);
    return next;
  }

  remove(organizationId: string, id: string): UserRecord | undefined {
    return this.of(organizationId).remove(id);
  }

  /** The member with this address, compared case-insensitively as mail systems do. */
  findByEmail(organizationId: string, email: string): UserRecord | undefined {
    const wanted = email.toLowerCase();
    return this.of(organizationId)
      .all()
      .find((u) => u.email?.toLowerCase() === wanted);
  }
}
