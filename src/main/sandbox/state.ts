import { CredentialStore } from './resources/credentials/store';
import { InvitationStore } from './resources/invitations/store';
import { OrganizationStore } from './resources/organizations/store';
import { RoleStore } from './resources/roles/store';
import { ServiceAccountStore } from './resources/service-accounts/store';
import {
  SsoConnectionStore,
  type SsoConnectionInput,
  type SsoConnectionRecord,
} from './resources/sso-connection/store';
import { TokenStore, type TokenRecord } from './resources/tokens/store';
import { UserStore } from './resources/users/store';
import { StoreContext, type StoreContextOptions } from './store-context';

export interface SandboxStateOptions extends StoreContextOptions {
  tokenTtlSeconds?: number;
}

/**
 * The sandbox's whole world, in memory: one store per resource, sharing one PRNG and
 * one clock. A new resource adds its store here and its folder under `resources/`;
 * stores reach each other only through what they are given at construction.
 */
export class SandboxState {
  readonly context: StoreContext;
  readonly organizations: OrganizationStore;
  readonly users: UserStore;
  readonly serviceAccounts: ServiceAccountStore;
  readonly credentials: CredentialStore;
  readonly roles: RoleStore;
  readonly tokens: TokenStore;
  readonly invitations: InvitationStore;
  /** Written through `enableSso` and `disableSso` only, which keep `sso_enabled` in step. */
  readonly ssoConnections: SsoConnectionStore;

  constructor(options: SandboxStateOptions = {}) {
    this.context = new StoreContext(options);
    this.organizations = new OrganizationStore(this.context);
    this.users = new UserStore(this.context, (id) => this.organizations.get(id) !== undefined);
    this.serviceAccounts = new ServiceAccountStore(this.context);
    this.credentials = new CredentialStore(this.context, this.serviceAccounts);
    this.roles = new RoleStore();
    this.tokens = new TokenStore(this.context, options.tokenTtlSeconds, (token) => this.#issuerExists(token));
    this.invitations = new InvitationStore(this.context, (id) => this.organizations.get(id) !== undefined);
    this.ssoConnections = new SsoConnectionStore(this.context);
  }

  /**
   * Deletes a service account with everything that lets it act: its credentials (their tokens
   * are then refused) and its roles. Answers how many credentials went with it, or undefined
   * for an unknown account.
   */
  deleteServiceAccount(id: string): { credentials: number } | undefined {
    if (this.serviceAccounts.remove(id) === undefined) return undefined;
    const credentials = this.credentials.removeAllOf(id);
    this.roles.removePrincipal(id);
    return { credentials };
  }

  /** The organization's new connection, or undefined when it already has one (a 409). */
  enableSso(organizationId: string, input: SsoConnectionInput): SsoConnectionRecord | undefined {
    const connection = this.ssoConnections.create(organizationId, input);
    if (connection !== undefined) this.organizations.setSsoEnabled(organizationId, true);
    return connection;
  }

  /** The removed connection, or undefined when there was none (a 404). */
  disableSso(organizationId: string): SsoConnectionRecord | undefined {
    const connection = this.ssoConnections.remove(organizationId);
    if (connection !== undefined) this.organizations.setSsoEnabled(organizationId, false);
    return connection;
  }

  #issuerExists(token: TokenRecord): boolean {
    if (this.serviceAccounts.get(token.principal_id) === undefined) return false;
    return token.credential_id === undefined || this.credentials.get(token.credential_id) !== undefined;
  }
}
