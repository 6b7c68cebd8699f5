import type { MemberDifference, PersonState, ServiceAccountDifference } from '../../../../shared/ipc/compare';
import type { SsoField } from '../../../../shared/ipc/compare';
import { statusLabel } from '../people/identity-status';

/** What the lists show: every difference, or one kind of it. */
export type DifferenceFilter = 'all' | 'only-a' | 'only-b' | 'changed';

export const FILTERS: ReadonlyArray<{ id: DifferenceFilter; label: (a: string, b: string) => string }> = [
  { id: 'all', label: () => 'All differences' },
  { id: 'only-a', label: (a) => `Only in ${a}` },
  { id: 'only-b', label: (_, b) => `Only in ${b}` },
  { id: 'changed', label: () => 'In both, different' },
];

type Difference = Pick<MemberDifference, 'a' | 'b'> | Pick<ServiceAccountDifference, 'a' | 'b'>;

export function matchesFilter(row: Difference, filter: DifferenceFilter): boolean {
  switch (filter) {
    case 'only-a':
      return row.b === null;
    case 'only-b':
      return row.a === null;
    case 'changed':
      return row.a !== null && row.b !== null;
    default:
      return true;
  }
}

/** How many rows each filter keeps, for the filter's own label. */
export function filterCounts(rows: readonly Difference[]): Record<DifferenceFilter, number> {
  const counts: Record<DifferenceFilter, number> = { all: rows.length, 'only-a': 0, 'only-b': 0, changed: 0 };
  for (const row of rows) {
    if (row.b === null) counts['only-a']++;
    else if (row.a === null) counts['only-b']++;
    else counts.changed++;
  }
  return counts;
}

const ROLE_LABELS: Record<PersonState['role'], string> = {
  org_admin: 'Admin',
  org_member: 'Member',
  org_viewer: 'Viewer',
};

export function roleWord(role: PersonState['role']): string {
  return ROLE_LABELS[role];
}

/** A member as "Admin · Active", an invitation as "Invitation · Viewer · Pending". */
export function personSummary(state: PersonState): string {
  const parts = [roleWord(state.role), statusLabel(state.status)];
  return (state.type === 'user' ? parts : ['Invitation', ...parts]).join(' · ');
}

/** The SSO settings in the words the SSO page uses. */
export const SSO_FIELD_LABELS: Record<SsoField, string> = {
  enabled: 'Single sign-on',
  identifier: 'Issuer',
  client_id: 'Client ID',
  client_secret_set: 'Client secret',
  authorization_endpoint: 'Authorization endpoint',
  token_endpoint: 'Token endpoint',
  jwks_uri: 'JWKS URI',
  registration_endpoint: 'Registration endpoint',
  userinfo_endpoint: 'Userinfo endpoint',
  scopes_supported: 'Supported scopes',
  code_challenge_methods_supported: 'PKCE methods',
};

export function ssoValueText(field: SsoField, value: boolean | string | readonly string[] | null): string {
  if (field === 'enabled') return value ? 'On' : 'Off';
  if (field === 'client_secret_set') return value === null ? '—' : value ? 'Set' : 'Not set';
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.join(' ') : String(value);
}
