import { randomBytes } from 'node:crypto';
import type { InvitationStatus } from '../../../../shared/api/invitations';
import type { OrganizationRole } from '../../../../shared/api/users';
import { SortedCollection } from '../../sorted-collection';
import { required, type StoreContext } from '../../store-context';

/** How long an invitation made at runtime stays open. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** What is stored; `expired` is never stored, it is read from `expires_at` (see `statusOf`). */
export type StoredInvitationStatus = Exclude<InvitationStatus, 'expired'>;

export interface InvitationRecord {
  readonly id: string;
  readonly organization_id: string;
  readonly email: string;
  readonly role: OrganizationRole;
  readonly status: StoredInvitationStatus;
  readonly created_by: string;
  readonly expires_at: string;
  readonly created_at: string;
  readonly updated_at: string;
  /** The secret in the invitation link; server-only, the presenters leave it out. */
  readonly token: string;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class InvitationStore {
  readonly #context: StoreContext;
  readonly #organizationExists: (organizationId: string) => boolean;
  readonly #byOrganization = new Map<string, SortedCollection<InvitationRecord>>();
  readonly #byToken = new Map<string, InvitationRecord>();

  constructor(context: StoreContext, organizationExists: (organizationId: string) => boolean) {
    this.#context = context;
    this.#organizationExists = organizationExists;
  }

  /** The organization's invitations; throws for an organization that does not exist. */
  of(organizationId: string): SortedCollection<InvitationRecord> {
    let invitations = this.#byOrganization.get(organizationId);
    if (invitations === undefined) {
      if (!this.#organizationExists(organizationId)) throw new Error(`unknown organization ${organizationId}`);
      invitations = new SortedCollection<InvitationRecord>();
      this.#byOrganization.set(organizationId, invitations);
    }
    return invitations;
  }

  /** `at` and `expires_at` let the seed back-date records; runtime invitations use the clock. */
  create(input: {
    organization_id: string;
    email: string;
    role: OrganizationRole;
    created_by: string;
    status?: StoredInvitationStatus;
    at?: string;
    expires_at?: string;
  }): InvitationRecord {
    const at = input.at ?? this.#context.timestamp();
    const record: InvitationRecord = {
      id: this.#context.newId(),
      organization_id: input.organization_id,
      email: input.email,
      role: input.role,
      status: input.status ?? 'pending',
      created_by: input.created_by,
      expires_at: input.expires_at ?? new Date(Date.parse(at) + INVITATION_TTL_MS).toISOString(),
      created_at: at,
      updated_at: at,
      token: this.#newToken(),
    };
    this.of(input.organization_id).insert(record);
    this.#byToken.set(record.token, record);
    return record;
  }

  byToken(token: string): InvitationRecord | undefined {
    const found = this.#byToken.get(token);
    // The map holds the record as created; the collection holds its latest version.
    return found === undefined ? undefined : this.of(found.organization_id).get(found.id);
  }

  setStatus(organizationId: string, id: string, status: StoredInvitationStatus): InvitationRecord {
    const invitations = this.of(organizationId);
    const current = required(invitations.get(id), 'invitation', id);
    const next: InvitationRecord = { ...current, status, updated_at: this.#context.laterTimestamp(current.updated_at) };
    invitations.replace(next);
    return next;
  }

  /** What the invitation reads as now: a pending one past `expires_at` is expired. */
  statusOf(record: InvitationRecord): InvitationStatus {
    if (record.status === 'pending' && Date.parse(record.expires_at) <= this.#context.now().getTime()) return 'expired';
    return record.status;
  }

  /** A pending, unexpired invitation for this address, compared case-insensitively. */
  openFor(organizationId: string, email: string): InvitationRecord | undefined {
    const wanted = email.toLowerCase();
    return this.of(organizationId)
      .all()
      .find((i) => i.email.toLowerCase() === wanted && this.statusOf(i) === 'pending');
  }

  #newToken(): string {
    // A link token is a secret like a client secret: from the OS CSPRNG when others can reach the sandbox.
    if (this.#context.randomSecrets) return randomBytes(30).toString('base64url');
    let token = this.#context.random.string(40, TOKEN_ALPHABET);
    while (this.#byToken.has(token)) token = this.#context.random.string(40, TOKEN_ALPHABET);
    return token;
  }
}
