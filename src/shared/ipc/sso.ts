import { z } from 'zod';
import {
  SSO_URL_MAX,
  SsoClientId,
  SsoClientSecret,
  SsoConnection,
  SsoDiscoveryFailure,
  SsoIssuer,
  SsoProtocolsInput,
} from '../api/sso-connection';
import { OrgRef } from './organizations';

/** The organization's connection, or `null` when it has no SSO (the server's 404, told from a missing organization). */
export const SsoState = z.object({ connection: SsoConnection.nullable() });
export type SsoState = z.infer<typeof SsoState>;

/**
 * Where a new client secret comes from. `clipboard`: main reads the system clipboard when it
 * sends, so a secret copied from the provider's console never passes through the window.
 */
export const SsoSecretInput = z.discriminatedUnion('source', [
  z.object({ source: z.literal('typed'), value: SsoClientSecret }),
  z.object({ source: z.literal('clipboard') }),
]);
export type SsoSecretInput = z.infer<typeof SsoSecretInput>;

/** Enable: `client_id: null` enables without one; `client_secret: null` sets none. */
export const SsoEnableInput = OrgRef.extend({
  identifier: SsoIssuer,
  client_id: SsoClientId.nullable(),
  client_secret: SsoSecretInput.nullable(),
  protocols: SsoProtocolsInput.optional(),
});
export type SsoEnableInput = z.input<typeof SsoEnableInput>;

/** Update, as the API's PATCH: an absent field keeps what is stored, `null` removes the client ID or the secret. */
export const SsoUpdateInput = OrgRef.extend({
  identifier: SsoIssuer.optional(),
  client_id: SsoClientId.nullish(),
  client_secret: SsoSecretInput.nullish(),
  protocols: SsoProtocolsInput.nullish(),
});
export type SsoUpdateInput = z.input<typeof SsoUpdateInput>;

export const SsoSaved = z.object({
  connection: SsoConnection,
  /** The secret came from the clipboard, which still held it: main cleared it. */
  clipboardCleared: z.boolean(),
});
export type SsoSaved = z.infer<typeof SsoSaved>;

export const SsoDisabled = z.object({ disabled: z.literal(true) });

/**
 * The issuer as typed. Only bounded here: discovery itself says what is wrong with it, by code
 * (`not_https` or `invalid_issuer`), next to the field.
 */
export const SsoDiscoverInput = z.object({ identifier: z.string().max(SSO_URL_MAX * 2) });

const Endpoint = z.string().nullable();
const TokenList = z.array(z.string()).nullable();

/** What discovery fills the form with: every field present, `null` when the provider names none. */
export const DiscoveredProvider = z.object({
  identifier: z.string(),
  protocols: z.object({
    oauth2: z.object({
      authorization_endpoint: Endpoint,
      token_endpoint: Endpoint,
      jwks_uri: Endpoint,
      registration_endpoint: Endpoint,
      scopes_supported: TokenList,
      code_challenge_methods_supported: TokenList,
    }),
    openid: z.object({ userinfo_endpoint: Endpoint }),
  }),
});
export type DiscoveredProvider = z.infer<typeof DiscoveredProvider>;

export const SsoCheckedField = z.enum([
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'registration_endpoint',
  'scopes_supported',
  'code_challenge_methods_supported',
  'userinfo_endpoint',
]);
export type SsoCheckedField = z.infer<typeof SsoCheckedField>;

const CheckedValue = z.union([z.string(), z.array(z.string())]).nullable();

export const SsoDrift = z.object({
  field: SsoCheckedField,
  /** What Keycard holds (`null`: nothing). */
  held: CheckedValue,
  /** What the provider publishes now (`null`: nothing). */
  discovered: CheckedValue,
});
export type SsoDrift = z.infer<typeof SsoDrift>;

/** Whether the JWKS Keycard holds answers with keys; `absent` when it holds none. */
export const JwksCheck = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), keys: z.number().int().positive() }),
  z.object({ status: z.literal('absent') }),
  z.object({ status: z.literal('failed'), code: SsoDiscoveryFailure, message: z.string() }),
]);
export type JwksCheck = z.infer<typeof JwksCheck>;

/**
 * A check of the held connection against its provider: what discovery found, what differs,
 * the JWKS's answer. When discovery itself fails, `failure` says why and the rest is absent:
 * a provider gone is a finding of the check, not an error of the call.
 */
export const SsoCheck = z.object({
  connection: SsoConnection,
  checkedAt: z.string(),
  discovered: DiscoveredProvider.nullable(),
  differences: z.array(SsoDrift),
  jwks: JwksCheck.nullable(),
  failure: z.object({ code: SsoDiscoveryFailure, message: z.string() }).nullable(),
});
export type SsoCheck = z.infer<typeof SsoCheck>;
