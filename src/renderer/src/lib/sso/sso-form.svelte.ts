import {
  SsoClientId,
  SsoClientSecret,
  SsoIssuer,
  SsoPkceMethods,
  SsoScopes,
  ssoUrl,
  type SsoConnection,
  type SsoProtocolsInput,
} from '../../../../shared/api/sso-connection';
import type { OrgRef } from '../../../../shared/ipc/organizations';
import type { DiscoveredProvider, SsoEnableInput, SsoSecretInput, SsoUpdateInput } from '../../../../shared/ipc/sso';
import type { FieldIssue } from '../../../../shared/ipc/result';

/** The endpoint fields, named as in `protocols`, with the words messages use. */
export const ENDPOINTS = [
  { key: 'authorization_endpoint', label: 'Authorization endpoint', what: 'authorization endpoint' },
  { key: 'token_endpoint', label: 'Token endpoint', what: 'token endpoint' },
  { key: 'jwks_uri', label: 'JWKS URI', what: 'JWKS URI' },
  { key: 'userinfo_endpoint', label: 'Userinfo endpoint', what: 'userinfo endpoint' },
  { key: 'registration_endpoint', label: 'Registration endpoint', what: 'registration endpoint' },
] as const;

export type EndpointKey = (typeof ENDPOINTS)[number]['key'];
export type SsoField = 'identifier' | 'client_id' | 'client_secret' | EndpointKey | 'scopes' | 'pkce';

/**
 * What happens to the client secret. Enabling: `none`, `typed` or `clipboard`. Editing, where the
 * secret is write-only: `keep` (the default: an empty field changes nothing), `typed`,
 * `clipboard` or `remove`.
 */
export type SecretMode = 'none' | 'keep' | 'typed' | 'clipboard' | 'remove';

const endpointSchemas = Object.fromEntries(ENDPOINTS.map((e) => [e.key, ssoUrl(e.what)])) as Record<
  EndpointKey,
  ReturnType<typeof ssoUrl>
>;

/** Scopes and methods as typed: separated by spaces, commas or line breaks. */
function splitTokens(text: string): string[] {
  return text.split(/[\s,]+/).filter((token) => token.length > 0);
}

const joinTokens = (list: readonly string[] | null | undefined): string => (list ?? []).join(' ');

/**
 * The enable/edit form of an SSO connection: its fields, their errors, what discovery filled in,
 * and the input for `sso.enable` or `sso.update`. Everything typed stays here whatever the
 * server answers, so nothing is lost on an error.
 */
export class SsoForm {
  readonly editing: SsoConnection | undefined;

  identifier = $state('');
  clientId = $state('');
  /** Editing: the admin chose "Remove client ID". */
  clientIdRemoved = $state(false);
  secretMode = $state<SecretMode>('none');
  /** Only for `typed`; never filled from anywhere but the keyboard or a paste into the field. */
  secret = $state('');
  endpoints = $state<Record<EndpointKey, string>>({
    authorization_endpoint: '',
    token_endpoint: '',
    jwks_uri: '',
    userinfo_endpoint: '',
    registration_endpoint: '',
  });
  scopes = $state('');
  pkce = $state('');
  errors = $state<Partial<Record<SsoField, string>>>({});
  /** The issuer the endpoints were last discovered from, to say so above them. */
  discoveredFrom = $state<string | undefined>();

  constructor(editing?: SsoConnection) {
    this.editing = editing;
    if (!editing) return;
    this.identifier = editing.identifier;
    this.clientId = editing.client_id ?? '';
    this.secretMode = 'keep';
    const oauth2 = editing.protocols?.oauth2;
    for (const { key } of ENDPOINTS) {
      const value = key === 'userinfo_endpoint' ? editing.protocols?.openid?.userinfo_endpoint : oauth2?.[key];
      this.endpoints[key] = value ?? '';
    }
    this.scopes = joinTokens(oauth2?.scopes_supported);
    this.pkce = joinTokens(oauth2?.code_challenge_methods_supported);
  }

  /** Checks the issuer before asking for discovery; `undefined` (with the error set) when it cannot be asked. */
  issuerToDiscover(): string | undefined {
    const parsed = SsoIssuer.safeParse(this.identifier);
    if (parsed.success) {
      this.errors = { ...this.errors, identifier: undefined };
      return parsed.data;
    }
    this.errors = { ...this.errors, identifier: parsed.error.issues[0]?.message };
    return undefined;
  }

  /** Fills every endpoint, scope and method from the provider; the admin reviews them before saving. */
  applyDiscovery(found: DiscoveredProvider): void {
    this.identifier = found.identifier;
    const { oauth2, openid } = found.protocols;
    for (const { key } of ENDPOINTS) {
      this.endpoints[key] = (key === 'userinfo_endpoint' ? openid.userinfo_endpoint : oauth2[key]) ?? '';
    }
    this.scopes = joinTokens(oauth2.scopes_supported);
    this.pkce = joinTokens(oauth2.code_challenge_methods_supported);
    this.discoveredFrom = found.identifier;
    const cleared: Partial<Record<SsoField, string>> = { ...this.errors, identifier: undefined, scopes: undefined };
    for (const { key } of ENDPOINTS) cleared[key] = undefined;
    this.errors = { ...cleared, pkce: undefined };
  }

  clearError(field: SsoField): void {
    if (this.errors[field] !== undefined) this.errors = { ...this.errors, [field]: undefined };
  }

  /** A refusal from main or the server, next to its field when it names one; `false` when it names none here. */
  applyFieldIssues(issues: readonly FieldIssue[]): boolean {
    let placed = false;
    const next = { ...this.errors };
    for (const issue of issues) {
      const field = fieldOfPath(issue.path);
      if (field === undefined || next[field] !== undefined) continue;
      next[field] = issue.message;
      placed = true;
    }
    this.errors = next;
    return placed;
  }

  /** The first field with an error, in the order they appear, for focus. */
  get firstInvalid(): SsoField | undefined {
    const order: SsoField[] = [
      'identifier',
      'client_id',
      'client_secret',
      ...ENDPOINTS.map((e) => e.key),
      'scopes',
      'pkce',
    ];
    return order.find((field) => this.errors[field] !== undefined);
  }

  enableInput(ref: OrgRef): SsoEnableInput | undefined {
    const parts = this.#validate();
    if (!parts) return undefined;
    return {
      ...ref,
      identifier: parts.identifier,
      client_id: parts.clientId ?? null,
      client_secret: parts.secret ?? null,
      protocols: parts.protocols,
    };
  }

  /**
   * Only what changed goes out, so a field someone else edited meanwhile is not overwritten with
   * what the form was opened with; the endpoints travel as a whole, as the API replaces them.
   */
  updateInput(ref: OrgRef): SsoUpdateInput | undefined {
    return this.#changes(ref, this.#validate());
  }

  /** Whether saving an edit would change nothing at all (the fields as typed are valid and all the same). */
  get unchanged(): boolean {
    const changes = this.#changes({ profileId: '', orgId: '' }, this.#read().parts);
    return changes !== undefined && Object.keys(changes).length === 2;
  }

  #changes(ref: OrgRef, parts: Parts | undefined): SsoUpdateInput | undefined {
    const editing = this.editing;
    if (!parts || !editing) return undefined;
    const input: SsoUpdateInput = { ...ref };
    if (parts.identifier !== editing.identifier) input.identifier = parts.identifier;
    if (parts.clientId !== undefined && parts.clientId !== editing.client_id) input.client_id = parts.clientId;
    if (parts.secret !== undefined) input.client_secret = parts.secret;
    if (!sameProtocols(parts.protocols, editing)) input.protocols = parts.protocols;
    return input;
  }

  /** Reads the fields and shows what is wrong with them. */
  #validate(): Parts | undefined {
    const { parts, errors } = this.#read();
    this.errors = errors;
    return parts;
  }

  /** The fields as the API takes them, or what is wrong with each; changes nothing, so a getter may ask. */
  #read(): { parts?: Parts; errors: Partial<Record<SsoField, string>> } {
    const errors: Partial<Record<SsoField, string>> = {};
    const issuer = SsoIssuer.safeParse(this.identifier);
    if (!issuer.success) errors.identifier = issuer.error.issues[0]?.message;

    let clientId: string | null | undefined;
    if (this.clientIdRemoved) clientId = null;
    else if (this.clientId.trim() === '' && (this.editing === undefined || this.editing.client_id === null)) {
      // Enabling without one, or editing a connection that has none: nothing to send.
      clientId = this.editing ? undefined : null;
    } else {
      const parsed = SsoClientId.safeParse(this.clientId);
      if (parsed.success) clientId = parsed.data;
      else errors.client_id = parsed.error.issues[0]?.message;
    }

    let secret: SsoSecretInput | null | undefined;
    switch (this.secretMode) {
      case 'keep':
        secret = undefined;
        break;
      case 'none':
      case 'remove':
        secret = null;
        break;
      case 'clipboard':
        secret = { source: 'clipboard' };
        break;
      case 'typed': {
        const parsed = SsoClientSecret.safeParse(this.secret);
        if (parsed.success) secret = { source: 'typed', value: parsed.data };
        else errors.client_secret = parsed.error.issues[0]?.message;
      }
    }

    const endpoints: Partial<Record<EndpointKey, string | null>> = {};
    for (const { key } of ENDPOINTS) {
      const text = this.endpoints[key].trim();
      if (text === '') {
        endpoints[key] = null;
        continue;
      }
      const parsed = endpointSchemas[key].safeParse(text);
      if (parsed.success) endpoints[key] = parsed.data;
      else errors[key] = parsed.error.issues[0]?.message;
    }
    const scopes = SsoScopes.safeParse(splitTokens(this.scopes));
    if (!scopes.success) errors.scopes = scopes.error.issues[0]?.message;
    const pkce = SsoPkceMethods.safeParse(splitTokens(this.pkce));
    if (!pkce.success) errors.pkce = pkce.error.issues[0]?.message;

    if (Object.values(errors).some((message) => message !== undefined)) return { errors };
    const { userinfo_endpoint, ...oauth2 } = endpoints;
    const listOrNull = (list: string[]) => (list.length === 0 ? null : list);
    const parts: Parts = {
      identifier: issuer.data!,
      clientId,
      secret,
      protocols: {
        oauth2: {
          authorization_endpoint: oauth2.authorization_endpoint ?? null,
          token_endpoint: oauth2.token_endpoint ?? null,
          jwks_uri: oauth2.jwks_uri ?? null,
          registration_endpoint: oauth2.registration_endpoint ?? null,
          scopes_supported: listOrNull(scopes.data!),
          code_challenge_methods_supported: listOrNull(pkce.data!),
        },
        openid: { userinfo_endpoint: userinfo_endpoint ?? null },
      },
    };
    return { parts, errors };
  }
}

interface Parts {
  identifier: string;
  /** `undefined`: leave it as it is (editing only). */
  clientId: string | null | undefined;
  secret: SsoSecretInput | null | undefined;
  protocols: SsoProtocolsInput;
}

/** `protocols.oauth2.token_endpoint` → `token_endpoint`; the form's own names pass through. */
function fieldOfPath(path: string): SsoField | undefined {
  const last =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? '';
  if (last === 'scopes_supported') return 'scopes';
  if (last === 'code_challenge_methods_supported') return 'pkce';
  if (last === 'identifier' || last === 'client_id' || last === 'client_secret') return last;
  return ENDPOINTS.some((e) => e.key === last) ? (last as EndpointKey) : undefined;
}

function sameList(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

function sameProtocols(protocols: SsoProtocolsInput, connection: SsoConnection): boolean {
  const held = connection.protocols?.oauth2;
  const now = protocols.oauth2!;
  return (
    (now.authorization_endpoint ?? null) === (held?.authorization_endpoint ?? null) &&
    (now.token_endpoint ?? null) === (held?.token_endpoint ?? null) &&
    (now.jwks_uri ?? null) === (held?.jwks_uri ?? null) &&
    (now.registration_endpoint ?? null) === (held?.registration_endpoint ?? null) &&
    (protocols.openid?.userinfo_endpoint ?? null) === (connection.protocols?.openid?.userinfo_endpoint ?? null) &&
    sameList(now.scopes_supported, held?.scopes_supported) &&
    sameList(now.code_challenge_methods_supported, held?.code_challenge_methods_supported)
  );
}
