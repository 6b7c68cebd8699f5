import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where the sandbox's own identity provider lives: `<sandbox URL>/demo-idp` is an issuer to discover. */
export const DEMO_IDP_PATH = '/demo-idp';

let signingKey: JsonWebKey | undefined;

/** One key per process, made on first use: nothing is ever signed with it, it only has to be a real public key. */
function publicKey(): JsonWebKey {
  signingKey ??= {
    ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }),
    kid: 'sandbox-demo-1',
    use: 'sig',
    alg: 'ES256',
  };
  return signingKey;
}

/** The issuer as the caller reached it, so it matches exactly what was typed (loopback, any port). */
function issuerOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}${DEMO_IDP_PATH}`;
}

/**
 * An OpenID provider to try SSO against without leaving the machine: its discovery document and
 * its JWKS. It signs nobody in; the document only names where a real provider's endpoints would be.
 */
export function registerDemoIdentityProviderRoutes(app: FastifyInstance): void {
  app.get(`${DEMO_IDP_PATH}/.well-known/openid-configuration`, async (request) => {
    const issuer = issuerOf(request);
    return {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      userinfo_endpoint: `${issuer}/userinfo`,
      scopes_supported: ['openid', 'email', 'profile'],
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
    };
  });
  app.get(`${DEMO_IDP_PATH}/jwks`, async () => ({ keys: [publicKey()] }));
}
