import type { SsoDiscoveryFailure } from '../../../../shared/api/sso-connection';
import type { SsoCheckedField } from '../../../../shared/ipc/sso';

/** The check's fields in the words the connection page uses. */
export const DRIFT_LABELS: Record<SsoCheckedField, string> = {
  authorization_endpoint: 'Authorization endpoint',
  token_endpoint: 'Token endpoint',
  jwks_uri: 'JWKS URI',
  registration_endpoint: 'Registration endpoint',
  userinfo_endpoint: 'Userinfo endpoint',
  scopes_supported: 'Supported scopes',
  code_challenge_methods_supported: 'PKCE methods',
};

const FAILURES: Record<SsoDiscoveryFailure, string> = {
  invalid_issuer: 'The issuer is not a usable URL',
  not_https: 'Not https',
  unreachable: 'The provider is unreachable',
  timed_out: 'The provider timed out',
  http_status: 'No discovery document there',
  redirected: 'Redirected to another site',
  too_large: 'The answer is too large',
  not_json: 'The answer is not JSON',
  invalid_document: 'Not a discovery document',
  issuer_mismatch: 'The issuer does not match',
};

/** A short heading for why discovery failed; the message beside it says the rest. */
export function failureLabel(code: SsoDiscoveryFailure): string {
  return FAILURES[code];
}

/** A held or published value: a list reads as its words, nothing as "none". */
export function formatCheckedValue(value: string | readonly string[] | null): string {
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  return value.length === 0 ? 'none' : value.join(' ');
}
