import type { FastifyInstance } from 'fastify';
import type { InvitationAcceptResponse, InvitationDetails } from '../../../../shared/api/invitations';
import { conflict, notFound } from '../../errors';
import type { SandboxState } from '../../state';
import type { InvitationRecord } from './store';

interface TokenParams {
  token: string;
}

/** The ID-provider issuer recorded for a member who joined by accepting an invitation. */
export const INVITATION_ACCEPT_SOURCE = 'https://id.keycard.ai';

function invitationFor(state: SandboxState, token: string): InvitationRecord {
  const invitation = state.invitations.byToken(token);
  // The token is the only key: an unknown one says nothing about which tokens exist.
  if (invitation === undefined) throw notFound('Invitation not found');
  return invitation;
}

/** Who sent it, as the invited person sees it: a service account's name or a member's address. */
function creatorName(state: SandboxState, invitation: InvitationRecord): string {
  const account = state.serviceAccounts.get(invitation.created_by);
  if (account !== undefined) return account.name;
  return state.users.of(invitation.organization_id).get(invitation.created_by)?.email ?? 'An administrator';
}

/** The token in the invitation link is the credential here: these routes take no bearer token. */
export function registerPublicInvitationRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get<{ Params: TokenParams }>('/invitations/:token', async (request) => {
    const invitation = invitationFor(state, request.params.token);
    const organization = state.organizations.get(invitation.organization_id);
    const answer: InvitationDetails = {
      email: invitation.email,
      role: invitation.role,
      status: state.invitations.statusOf(invitation),
      expires_at: invitation.expires_at,
      organization_name: organization?.name ?? '',
      created_by_name: creatorName(state, invitation),
    };
    return answer;
  });

  app.post<{ Params: TokenParams }>('/invitations/:token/accept', async (request) => {
    const invitation = invitationFor(state, request.params.token);
    const status = state.invitations.statusOf(invitation);
    if (status !== 'pending') throw conflict(`The invitation is ${status} and can no longer be accepted`);
    const organizationId = invitation.organization_id;
    const existing = state.users.findByEmail(organizationId, invitation.email);
    const now = state.context.timestamp();
    const user =
      existing ??
      state.users.add({
        organization_id: organizationId,
        email: invitation.email,
        role: invitation.role,
        status: 'active',
        source: INVITATION_ACCEPT_SOURCE,
        created_at: now,
        updated_at: now,
      });
    state.invitations.setStatus(organizationId, invitation.id, 'accepted');
    const answer: InvitationAcceptResponse = {
      success: true,
      organization_id: organizationId,
      organization_name: state.organizations.get(organizationId)?.name ?? '',
      user_id: user.id,
    };
    return answer;
  });
}
