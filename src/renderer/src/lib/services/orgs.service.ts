import type { Organization } from '../../../../shared/api/organizations';
import type { OrgList, OrgRef } from '../../../../shared/ipc/organizations';
import { orgdesk } from '../ipc/bridge';
import { unwrap } from '../ipc/ipc-failure';

export async function listOrgs(profileId: string): Promise<OrgList> {
  return unwrap(await orgdesk().orgs.list({ profileId }));
}

export async function getOrg(ref: OrgRef): Promise<Organization> {
  return unwrap(await orgdesk().orgs.get(ref));
}

export async function renameOrg(ref: OrgRef, name: string): Promise<Organization> {
  return unwrap(await orgdesk().orgs.rename({ ...ref, name }));
}

export async function createOrg(profileId: string, name: string): Promise<Organization> {
  return unwrap(await orgdesk().orgs.create({ profileId, name }));
}
