import type { Handlers } from '../../../shared/ipc/contract';
import type { ClientRegistry } from '../../connections/client-registry';
import type { OrgTokens } from '../../credentials/org-tokens';

/** Organizations always come with the principal's `permissions`, which the UI needs to disable what is denied. */
export function organizationHandlers(clients: ClientRegistry, tokens: OrgTokens): Handlers['orgs'] {
  const expand = ['permissions' as const];
  return {
    async list({ profileId }, call) {
      const client = await clients.forProfile(profileId);
      return client.organizations.listAll({ expand }, call);
    },
    async get({ profileId, orgId }, call) {
      const client = await clients.forProfile(profileId);
      return client.organizations.retrieve(orgId, { expand }, call);
    },
    async create({ profileId, name }, call) {
      const client = await clients.forProfile(profileId);
      return client.organizations.create({ name }, { expand }, call);
    },
    async rename({ profileId, orgId, name }, call) {
      const client = await clients.forProfile(profileId);
      return client.organizations.update(orgId, { name }, { expand }, call);
    },
    token: ({ profileId, orgId }, call) => tokens.issue(profileId, orgId, call),
    copyToken: ({ handle }) => tokens.copy(handle),
  };
}
