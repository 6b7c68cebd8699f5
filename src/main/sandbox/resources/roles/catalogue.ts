import type { Role } from '../../../../shared/api/roles';

/**
 * The roles the sandbox offers, in the order the vendor lists them: the three organization
 * roles a member or invitation can hold, then zone roles, listed for reference only.
 */
export const ROLE_CATALOGUE: readonly Role[] = [
  {
    name: 'org_admin',
    label: 'Organization Administrator',
    description: 'Manages the organization: members, invitations, service accounts and SSO.',
    scope: 'organization',
  },
  {
    name: 'org_member',
    label: 'Organization Member',
    description: 'Sees the organization, its people and its service accounts; changes nothing.',
    scope: 'organization',
  },
  {
    name: 'org_viewer',
    label: 'Organization Viewer',
    description: 'Sees the organization and its people.',
    scope: 'organization',
  },
  {
    name: 'zone_manager',
    label: 'Zone Manager',
    description: 'Manages one zone: its resources, applications and policies.',
    scope: 'zone',
  },
  {
    name: 'zone_viewer',
    label: 'Zone Viewer',
    description: 'Sees one zone and its configuration.',
    scope: 'zone',
  },
];
