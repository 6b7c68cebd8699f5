import type { OrganizationUser, UserUpdateBody } from '../../shared/api/users';
import type { CallOptions } from '../api';
import type { ClientRegistry } from '../connections/client-registry';
import { refuseIfLastAdmin } from './last-admin';

export interface MemberTarget {
  profileId: string;
  orgId: string;
  userId: string;
}

/** Member changes, each checked against the last-active-admin rule before it is sent. */
export class MemberService {
  constructor(private readonly clients: ClientRegistry) {}

  async update(target: MemberTarget, body: UserUpdateBody, call: CallOptions): Promise<OrganizationUser> {
    const client = await this.clients.forProfile(target.profileId);
    await refuseIfLastAdmin(client, target.orgId, target.userId, { kind: 'update', body }, call);
    return client.organizations.users.update(target.orgId, target.userId, body, { expand: ['permissions'] }, call);
  }

  async remove(target: MemberTarget, call: CallOptions): Promise<void> {
    const client = await this.clients.forProfile(target.profileId);
    await refuseIfLastAdmin(client, target.orgId, target.userId, { kind: 'remove' }, call);
    await client.organizations.users.delete(target.orgId, target.userId, call);
  }
}
