import type { FastifyInstance } from 'fastify';
import type { SandboxState } from '../state';
import { registerCredentialRoutes } from './credentials/routes';
import { registerDemoIdentityProviderRoutes } from './demo-identity-provider/routes';
import { registerIdentityRoutes } from './identities/routes';
import { registerPublicInvitationRoutes } from './invitations/public-routes';
import { registerInvitationRoutes } from './invitations/routes';
import { registerOrganizationRoutes } from './organizations/routes';
import { registerRoleRoutes } from './roles/routes';
import { registerServiceAccountRoutes } from './service-accounts/routes';
import { registerSsoConnectionRoutes } from './sso-connection/routes';
import { registerUserRoutes } from './users/routes';

export type RegisterResourceRoutes = (scope: FastifyInstance, state: SandboxState) => void;

/** Every resource's bearer-protected routes; a new resource adds its `routes.ts` here. */
export const RESOURCE_ROUTES: readonly RegisterResourceRoutes[] = [
  registerOrganizationRoutes,
  registerUserRoutes,
  registerRoleRoutes,
  registerInvitationRoutes,
  registerIdentityRoutes,
  registerServiceAccountRoutes,
  registerCredentialRoutes,
  registerSsoConnectionRoutes,
];

/** Routes that take no bearer token (an invitation link's token is its own credential; a provider's documents are public). */
export const PUBLIC_RESOURCE_ROUTES: readonly RegisterResourceRoutes[] = [
  registerPublicInvitationRoutes,
  registerDemoIdentityProviderRoutes,
];
