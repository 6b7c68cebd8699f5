import type { SsoProtocolsInput } from '../../../../shared/api/sso-connection';
import { required, type StoreContext } from '../../store-context';

/**
 * An organization's one SSO connection. Unlike a credential's, the client secret is kept as
 * given: a real server must send it to the provider. The presenter leaves it out of every answer.
 */
export interface SsoConnectionRecord {
  readonly id: string;
  readonly organization_id: string;
  readonly identifier: string;
  readonly client_id: string | null;
  readonly client_secret: string | null;
  readonly protocols: SsoProtocolsInput | null;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface SsoConnectionInput {
  identifier: string;
  client_id: string | null;
  client_secret?: string | null;
  protocols?: SsoProtocolsInput | null;
}

/** Absent keeps a field; `null` removes the client ID, the secret or the endpoints. */
export type SsoConnectionPatch = Partial<SsoConnectionInput>;

export class SsoConnectionStore {
  readonly #context: StoreContext;
  readonly #byOrganization = new Map<string, SsoConnectionRecord>();

  constructor(context: StoreContext) {
    this.#context = context;
  }

  of(organizationId: string): SsoConnectionRecord | undefined {
    return this.#byOrganization.get(organizationId);
  }

  /** Undefined when the organization already has one: the caller answers 409. */
  create(organizationId: string, input: SsoConnectionInput): SsoConnectionRecord | undefined {
    if (this.#byOrganization.has(organizationId)) return undefined;
    const at = this.#context.timestamp();
    const record: SsoConnectionRecord = {
      id: this.#context.newId(),
      organization_id: organizationId,
      identifier: input.identifier,
      client_id: input.client_id,
      client_secret: input.client_secret ?? null,
      protocols: input.protocols ?? null,
      created_at: at,
      updated_at: at,
    };
    this.#byOrganization.set(organizationId, record);
    return record;
  }

  update(organizationId: string, patch: SsoConnectionPatch): SsoConnectionRecord {
    const current = required(
      this.#byOrganization.get(organizationId),
      'SSO connection of organization',
      organizationId,
    );
    const next: SsoConnectionRecord = {
      ...current,
      identifier: patch.identifier ?? current.identifier,
      client_id: patch.client_id === undefined ? current.client_id : patch.client_id,
      client_secret: patch.client_secret === undefined ? current.client_secret : patch.client_secret,
      protocols: patch.protocols === undefined ? current.protocols : patch.protocols,
      updated_at: this.#context.laterTimestamp(current.updated_at),
    };
    this.#byOrganization.set(organizationId, next);
    return next;
  }

  remove(organizationId: string): SsoConnectionRecord | undefined {
    const record = this.#byOrganization.get(organizationId);
    this.#byOrganization.delete(organizationId);
    return record;
  }
}
