import { parse } from 'node:querystring';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenResponse } from '../../../../shared/api/common';
import { SandboxHttpError, badRequest } from '../../errors';
import { refuseCrossSite } from '../../request-guards';
import type { SandboxState } from '../../state';

export function tokenResponse(token: string, expiresIn: number): TokenResponse {
  return { access_token: token, token_type: 'Bearer', expires_in: expiresIn };
}

const invalidClient = (message: string): SandboxHttpError =>
  new SandboxHttpError(401, 'invalid_client', message, { 'www-authenticate': 'Basic realm="keycard-sandbox"' });

interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The pairs a Basic header can mean: raw `id:secret` (keycard-api.md, the vendor's SDKs) and,
 * per RFC 6749 §2.3.1, the same with both parts form-decoded. A server must accept either.
 */
function fromBasic(header: string): ClientCredentials[] {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  const decoded = match?.[1] === undefined ? '' : Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient('Malformed Basic authorization header');
  const raw = { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
  try {
    const formDecoded = {
      clientId: decodeURIComponent(raw.clientId.replace(/\+/g, ' ')),
      clientSecret: decodeURIComponent(raw.clientSecret.replace(/\+/g, ' ')),
    };
    return [raw, formDecoded];
  } catch {
    return [raw];
  }
}

function formField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`Form field "${name}" must be given once`, 'invalid_request');
  return value;
}

function clientCredentials(request: FastifyRequest, body: Record<string, unknown>): ClientCredentials[] {
  const header = request.headers.authorization;
  const formId = formField(body, 'client_id');
  const formSecret = formField(body, 'client_secret');
  if (header !== undefined && /^Basic\s/i.test(header)) {
    if (formSecret !== undefined) {
      throw badRequest('Use either HTTP Basic or form fields for client authentication, not both', 'invalid_request');
    }
    return fromBasic(header);
  }
  if (formId === undefined || formSecret === undefined) throw invalidClient('Client authentication is required');
  return [{ clientId: formId, clientSecret: formSecret }];
}

function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** The vendor's SDKs send Basic; its Terraform provider sends form fields. Both must work. */
export function registerTokenEndpoint(app: FastifyInstance, state: SandboxState): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parse(typeof body === 'string' ? body : body.toString('utf8')));
  });

  // Checked on request, before the body is parsed: a cross-site post gets nothing read.
  app.post('/service-account-token', { onRequest: refuseCrossSite }, async (request, reply) => {
    if (!isForm(request)) {
      throw badRequest('The token request must be application/x-www-form-urlencoded', 'invalid_request');
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const grantType = formField(body, 'grant_type');
    if (grantType === undefined) throw badRequest('grant_type is required', 'invalid_request');
    if (grantType !== 'client_credentials') {
      throw badRequest(`Unsupported grant_type "${grantType}"`, 'unsupported_grant_type');
    }
    const credential = clientCredentials(request, body)
      .map(({ clientId, clientSecret }) => state.credentials.authenticate(clientId, clientSecret))
      .find((found) => found !== undefined);
    if (credential === undefined) throw invalidClient('Invalid client credentials');
    const issued = state.tokens.issue(credential.service_account_id, { credentialId: credential.id });
    return reply.header('cache-control', 'no-store').send(tokenResponse(issued.token, issued.expiresIn));
  });
}
