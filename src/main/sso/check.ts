import { ssoUrlIssue, type SsoConnection } from '../../shared/api/sso-connection';
import type { CallOptions } from '../api/core/client';
import type { DiscoveredProvider, JwksCheck, SsoCheckedField, SsoDrift } from '../../shared/ipc/sso';
import { DiscoveryError, discoverProvider, fetchProviderJson, type DiscoveryOptions } from './discovery';

/** What the provider answers now against what Keycard holds; the check's IPC answer adds the connection and time. */
export interface ProviderCheck {
  discovered: DiscoveredProvider;
  differences: SsoDrift[];
  jwks: JwksCheck;
}

type Value = string | string[] | null;

function heldValues(connection: SsoConnection): Record<SsoCheckedField, Value> {
  const oauth2 = connection.protocols?.oauth2;
  return {
    authorization_endpoint: oauth2?.authorization_endpoint ?? null,
    token_endpoint: oauth2?.token_endpoint ?? null,
    jwks_uri: oauth2?.jwks_uri ?? null,
    registration_endpoint: oauth2?.registration_endpoint ?? null,
    scopes_supported: oauth2?.scopes_supported ?? null,
    code_challenge_methods_supported: oauth2?.code_challenge_methods_supported ?? null,
    userinfo_endpoint: connection.protocols?.openid?.userinfo_endpoint ?? null,
  };
}

function discoveredValues(provider: DiscoveredProvider): Record<SsoCheckedField, Value> {
  return { ...provider.protocols.oauth2, userinfo_endpoint: provider.protocols.openid.userinfo_endpoint };
}

/** Lists are sets here: a provider reordering its scopes has not drifted. */
function same(a: Value, b: Value): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const left = new Set(a);
    const right = new Set(b);
    return left.size === right.size && [...left].every((v) => right.has(v));
  }
  return a === b;
}

/**
 * Re-runs discovery against the connection's issuer and lists what differs from what Keycard
 * holds, then asks the JWKS Keycard holds for its keys. A failed discovery throws its
 * DiscoveryError; a failed JWKS is part of the answer, since that is what the check is for.
 */
export async function checkConnection(
  connection: SsoConnection,
  options: DiscoveryOptions = {},
  call: CallOptions = {},
): Promise<ProviderCheck> {
  const discovered = await discoverProvider(connection.identifier, options, call);
  const held = heldValues(connection);
  const now = discoveredValues(discovered);
  const differences: SsoDrift[] = [];
  for (const field of Object.keys(held) as SsoCheckedField[]) {
    if (!same(held[field], now[field])) differences.push({ field, held: held[field], discovered: now[field] });
  }
  return { discovered, differences, jwks: await checkJwks(held.jwks_uri as string | null, options, call) };
}

async function checkJwks(jwksUri: string | null, options: DiscoveryOptions, call: CallOptions): Promise<JwksCheck> {
  if (jwksUri === null) return { status: 'absent' };
  const url = URL.parse(jwksUri);
  const issue = ssoUrlIssue(jwksUri);
  if (url === null || issue !== undefined) {
    return issue === 'not_https'
      ? { status: 'failed', code: 'not_https', message: 'The JWKS URI held is not https; Orgdesk did not ask it.' }
      : { status: 'failed', code: 'invalid_document', message: 'The JWKS URI held is not a usable URL.' };
  }
  try {
    const json = await fetchProviderJson(url, 'JWKS', options, call);
    const keys = (json as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys) || keys.length === 0) {
      return { status: 'failed', code: 'invalid_document', message: `The JWKS at ${url.host} holds no keys.` };
    }
    return { status: 'ok', keys: keys.length };
  } catch (error) {
    if (error instanceof DiscoveryError) return { status: 'failed', code: error.code, message: error.message };
    throw error;
  }
}
