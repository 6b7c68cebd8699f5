import type { Handlers } from '../../../shared/ipc/contract';
import { MAX_PAGE_LIMIT } from '../../../shared/ipc/people';
import type { ClientRegistry } from '../../connections/client-registry';
import { identityPage } from '../../people/identity-page';
import type { MemberService } from '../../people/member-service';
import type { PeopleExporter } from '../../people/people-export';

/**
 * People of one organization: the identities table, roles for the picker, member and invitation
 * changes, the invitations' expiry and the export.
 */
export function peopleHandlers(
  clients: ClientRegistry,
  members: MemberService,
  exporter: PeopleExporter,
): Handlers['people'] {
  return {
    async identities({ profileId, orgId, after, limit, email, role }, call) {
      const client = await clients.forProfile(profileId);
      const expand = ['permissions' as const, 'total_count' as const];
      return identityPage(
        await client.organizations.identities.list(orgId, { after, limit, email, role, expand }, call),
      );
    },
    async roles({ profileId, orgId }, call) {
      const client = await clients.forProfile(profileId);
      return client.organizations.roles.list(orgId, {}, call);
    },
    async updateMember({ profileId, orgId, userId, role, status }, call) {
      return members.update({ profileId, orgId, userId }, { role, status }, call);
    },
    async removeMember({ profileId, orgId, userId }, call) {
      await members.remove({ profileId, orgId, userId }, call);
      return { userId };
    },
    async invite({ profileId, orgId, email, role }, call) {
      const client = await clients.forProfile(profileId);
      return client.organizations.invitations.create(orgId, { email, role }, { expand: ['permissions'] }, call);
    },
    async revokeInvitation({ profileId, orgId, invitationId }, call) {
      const client = await clients.forProfile(profileId);
      await client.organizations.invitations.delete(orgId, invitationId, call);
      return { invitationId };
    },
    async invitations({ profileId, orgId }, call) {
      const client = await clients.forProfile(profileId);
      // Every page under the call's one budget; the answer's schema keeps only the fields the table joins.
      const { items } = await client.organizations.invitations.listAll(
        orgId,
        { limit: MAX_PAGE_LIMIT, expand: [] },
        call,
      );
      return { items };
    },
    async export(input, call) {
      return exporter.export(input, call);
    },
  };
}
