import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthorized } from './errors';
import type { SandboxState } from './state';

/** Who is calling: the service account behind the bearer token, and the token's organization scope if any. */
export interface AuthContext {
  readonly principalId: string;
  /** Set for tokens from `POST /organizations/{id}/token`: they only reach that organization. */
  readonly organizationId?: string;
  /** The credential whose login the token comes from; an exchanged token keeps it, and dies with it. */
  readonly credentialId?: string;
}

const contexts = new WeakMap<FastifyRequest, AuthContext>();

export function authOf(request: FastifyRequest): AuthContext {
  const context = contexts.get(request);
  // Only reachable if a route was registered outside the bearer-protected scope.
  if (context === undefined) throw new Error('route is not behind the bearer hook');
  return context;
}

/** Every route registered inside `scope` requires a valid bearer token. */
export function requireBearer(scope: FastifyInstance, state: SandboxState): void {
  scope.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    if (token === undefined) throw unauthorized('Missing bearer token');
    const check = state.tokens.check(token);
    if (check.kind === 'expired') throw unauthorized('Access token has expired');
    if (check.kind === 'revoked') throw unauthorized('Access token was revoked with its credential');
    if (check.kind === 'unknown') throw unauthorized('Invalid access token');
    const { principal_id: principalId, organization_id: organizationId, credential_id: credentialId } = check.record;
    contexts.set(request, {
      principalId,
      ...(organizationId === undefined ? {} : { organizationId }),
      ...(credentialId === undefined ? {} : { credentialId }),
    });
  });
}
