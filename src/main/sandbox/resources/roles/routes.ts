import type { FastifyInstance } from 'fastify';
import { RoleScope, type RoleListResponse } from '../../../../shared/api/roles';
import { requirePermission, resolveOrganization } from '../../access';
import { authOf } from '../../auth';
import { badRequest } from '../../errors';
import { readQuery, singleParam } from '../../query';
import type { SandboxState } from '../../state';
import { ROLE_CATALOGUE } from './catalogue';

interface RolesParams {
  organization_id: string;
}

export function registerRoleRoutes(scope: FastifyInstance, state: SandboxState): void {
  scope.get<{ Params: RolesParams }>('/organizations/:organization_id/roles', async (request) => {
    const { role } = resolveOrganization(state, authOf(request), request.params.organization_id);
    requirePermission(role, 'roles', 'list');
    const raw = singleParam(readQuery(request.query), 'scope');
    let wanted: RoleScope | undefined;
    if (raw !== undefined) {
      const parsed = RoleScope.safeParse(raw);
      if (!parsed.success) {
        throw badRequest(`Query parameter "scope" must be one of ${RoleScope.options.join(', ')}`, 'invalid_parameter');
      }
      wanted = parsed.data;
    }
    const answer: RoleListResponse = {
      items: ROLE_CATALOGUE.filter((r) => wanted === undefined || r.scope === wanted).map((r) => ({ ...r })),
    };
    return answer;
  });
}
