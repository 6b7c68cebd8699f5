import type { FastifyInstance } from 'fastify';
import type { SandboxState } from '../state';
import { registerOrganizationRoutes } from './organizations/routes';
import { registerUserRoutes } from './users/routes';

export type RegisterResourceRoutes = (scope: FastifyInstance, state: SandboxState) => void;

/** Every resource's bearer-protected routes; a new resource adds its `routes.ts` here. */
export const RESOURCE_ROUTES: readonly RegisterResourceRoutes[] = [registerOrganizationRoutes, registerUserRoutes];
