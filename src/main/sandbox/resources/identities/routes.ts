import type { FastifyInstance } from 'fastify';
import {
  MAX_EMAIL_QUERY_LENGTH,
  type Identity,
  type IdentityListResponse,
  type IdentityPagination,
} from '../../../../shared/api/identities';
import type { OrganizationRole } from '../../../../shared/api/users';
import { requirePermission, resolveOrganization } from '../../access';
import { authOf } from '../../auth';
import { badRequest } from '../../errors';
import { parseExpand } from '../../expand';
import { paginate, parsePageRequest } from '../../pagination';
import { readQuery, singleParam, type Query } from '../../query';
import type { SandboxState } from '../../state';
import type { InvitationRecord } from '../invitations/store';
import { parseRoleFilter } from '../roles/filter';
import { resourcePermissions } from '../roles/permissions';
import type { UserRecord } from '../users/store';

interface IdentitiesParams {
  organization_id: string;
}

/** The bracketed filter as it arrives once percent-decoded (`query%5Bemail%5D`). */
const EMAIL_QUERY = 'query[email]';

function parseEmailQuery(query: Query): string | undefined {
  const raw = singleParam(query, EMAIL_QUERY);
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > MAX_EMAIL_QUERY_LENGTH) {
    throw badRequest(
      `Query parameter "${EMAIL_QUERY}" can be at most ${MAX_EMAIL_QUERY_LENGTH} characters`,
      'invalid_parameter',
    );
  }
  return raw.toLowerCase();
}

function userIdentity(user: UserRecord): Identity {
  return {
    id: user.id,
    type: 'user',
    email: user.email ?? '',
    role: user.role,
    source: user.source,
    status: user.status,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

function invitationIdentity(state: SandboxState, invitation: InvitationRecord): Identity {
  return {
    id: invitation.id,
    type: 'invitation',
    email: invitation.email,
    role: invitation.role,
    status: state.invitations.statusOf(invitation),
    created_at: invitation.created_at,
    updated_at: invitation.updated_at,
  };
}

type IdentityRecord = UserRecord | InvitationRecord;

const isInvitation = (record: IdentityRecord): record is InvitationRecord => 'token' in record;

/** Sort-key order without building the keys: `created_at` is fixed-width ISO, so it compares as text. */
function comesFirst(a: IdentityRecord, b: IdentityRecord): boolean {
  return a.created_at === b.created_at ? a.id <= b.id : a.created_at < b.created_at;
}

/**
 * Members and invitations in one order (creation time, then ID), so one cursor walks both. Records,
 * not presented identities: every request merges and filters the whole organization (a few
 * milliseconds at 10,000), and only the page it answers is presented.
 */
function mergedRecords(state: SandboxState, organizationId: string): IdentityRecord[] {
  const users = state.users.of(organizationId).all();
  const invitations = state.invitations.of(organizationId).all();
  const merged: IdentityRecord[] = [];
  let u = 0;
  let i = 0;
  while (u < users.length || i < invitations.length) {
    const user = users[u];
    const invitation = invitations[i];
    if (user !== undefined && (invitation === undefined || comesFirst(user, invitation))) {
      merged.push(user);
      u += 1;
    } else if (invitation !== undefined) {
      merged.push(invitation);
      i += 1;
    }
  }
  return merged;
}

function matches(record: IdentityRecord, email: string | undefined, role: OrganizationRole | undefined): boolean {
  return (
    (role === undefined || record.role === role) &&
    (email === undefined || (record.email ?? '').toLowerCase().includes(email))
  );
}

export function registerIdentityRoutes(scope: FastifyInstance, state: SandboxState): void {
  scope.get<{ Params: IdentitiesParams }>('/organizations/:organization_id/identities', async (request) => {
    const { organization, role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'identities', 'list');
    const query = readQuery(request.query);
    const page = parsePageRequest(query);
    const email = parseEmailQuery(query);
    const roleFilter = parseRoleFilter(query);
    const expand = parseExpand(query);
    const all = mergedRecords(state, organization.id);
    const matching =
      email === undefined && roleFilter === undefined ? all : all.filter((r) => matches(r, email, roleFilter));
    const { items: records, page_info } = paginate(matching, page);
    const items = records.map((r) => (isInvitation(r) ? invitationIdentity(state, r) : userIdentity(r)));
    const pagination: IdentityPagination = {
      after_cursor: page_info.has_next_page ? (page_info.end_cursor ?? null) : null,
      before_cursor: page_info.has_prev_page ? (page_info.start_cursor ?? null) : null,
    };
    if (expand.has('total_count')) pagination.total_count = matching.length;
    const answer: IdentityListResponse = { items, page_info, pagination };
    if (expand.has('permissions')) {
      answer.permissions = {
        identities: resourcePermissions(role, 'identities'),
        users: resourcePermissions(role, 'users'),
        invitations: resourcePermissions(role, 'invitations'),
      };
    }
    return answer;
  });
}
