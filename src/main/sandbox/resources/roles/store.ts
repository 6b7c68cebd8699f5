import type { OrganizationRole } from '../../../../shared/api/users';

/**
 * Which organization role each principal holds where. Principals are anything that
 * calls the API (service accounts today); what a role allows is `permissions.ts`.
 */
export class RoleStore {
  /** principal ID → organization ID → role. */
  readonly #roles = new Map<string, Map<string, OrganizationRole>>();

  set(principalId: string, organizationId: string, role: OrganizationRole): void {
    let roles = this.#roles.get(principalId);
    if (roles === undefined) {
      roles = new Map();
      this.#roles.set(principalId, roles);
    }
    roles.set(organizationId, role);
  }

  /** Forgets every role of a principal that no longer exists. */
  removePrincipal(principalId: string): void {
    this.#roles.delete(principalId);
  }

  of(principalId: string, organizationId: string): OrganizationRole | undefined {
    return this.#roles.get(principalId)?.get(organizationId);
  }

  /** Organization IDs the principal holds a role in. */
  organizationIdsOf(principalId: string): ReadonlySet<string> {
    return new Set(this.#roles.get(principalId)?.keys() ?? []);
  }
}
