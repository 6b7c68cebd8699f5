import type { Handlers } from '../../../shared/ipc/contract';
import type { ClientRegistry } from '../../connections/client-registry';

/** Organizations always come with the principal's `permissions`, which the UI needs to disable what is denied. */
export function organizationHandlers(clients: ClientRegistry): Handlers['orgs'] {
  const expand = ['permissions' as const];
  return {
    async list({ profileId }) {
      const client = await clients.forProfile(profileId);
      return client.organizations.listAll({ expand });
    },
    async get({ profileId, orgId }) {
      const client = await clients.forProfile(profileId);
      return client.organizations.retrieve(orgId, { expand });
    },
    async create({ profileId, name }) {
      const client = await clients.forProfile(profileId);
      return client.organizations.create({ name }, { expand });
    },
    async rename({ profileId, orgId, name }) {
      const client = await clients.forProfile(profileId);
      return client.organizations.update(orgId, { name }, { expand });
    },
  };
}
