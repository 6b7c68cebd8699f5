import { describe, expect, it } from 'vitest';
import { Permissions } from '../../../src/shared/api/common';
import { can, organizationPermissions, userPermissions } from '../../../src/main/sandbox/resources/roles/permissions';

describe('role permissions', () => {
  it('lets only admins change the organization and its users', () => {
    expect(organizationPermissions('org_admin')['organizations']).toEqual({ read: true, update: true });
    expect(organizationPermissions('org_member')['organizations']).toEqual({ read: true, update: false });
    expect(organizationPermissions('org_viewer')['organizations']).toEqual({ read: true, update: false });
    expect(userPermissions('org_member')).toEqual({ users: { read: true, update: false, delete: false } });
  });

  it('hides machine credentials and SSO from viewers but not from members', () => {
    expect(can('org_member', 'service_accounts', 'list')).toBe(true);
    expect(can('org_viewer', 'service_accounts', 'list')).toBe(false);
    expect(can('org_viewer', 'sso_connection', 'read')).toBe(false);
    expect(can('org_viewer', 'users', 'list')).toBe(true);
  });

  it('produces maps the client schema accepts', () => {
    for (const role of ['org_admin', 'org_member', 'org_viewer'] as const) {
      expect(Permissions.safeParse(organizationPermissions(role)).success).toBe(true);
    }
  });
});
