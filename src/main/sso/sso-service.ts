import { SsoClientSecret, type SsoEnableBody, type SsoUpdateBody } from '../../shared/api/sso-connection';
import type { OrgRef } from '../../shared/ipc/organizations';
import type { SsoCheck, SsoSaved, SsoSecretInput, SsoState } from '../../shared/ipc/sso';
import type { CallOptions } from '../api/core/client';
import { ApiNotFoundError } from '../api/core/errors';
import type { ClientRegistry } from '../connections/client-registry';
import type { SecretClipboard } from '../credentials/secret-clipboard';
import { InvalidInputError } from '../errors';
import { checkConnection } from './check';
import { DiscoveryError, discoverProvider, type DiscoveryOptions } from './discovery';
import type { DiscoveredProvider } from '../../shared/ipc/sso';

/** A new secret, or `null` (set none / remove it), or `undefined` (keep it). */
type SecretChange = SsoSecretInput | null | undefined;

type EnableFields = Omit<SsoEnableBody, 'client_secret'> & { client_secret: SsoSecretInput | null };
type UpdateFields = Omit<SsoUpdateBody, 'client_secret'> & { client_secret?: SecretChange };

/**
 * An organization's SSO connection: the four calls, discovery and the check. The client secret
 * only passes through here on its way to the server: typed in the form, or read from the
 * clipboard here so the window never holds it; it is never answered, logged or kept.
 */
export class SsoService {
  constructor(
    private readonly clients: ClientRegistry,
    private readonly clipboard: SecretClipboard,
    private readonly discovery: DiscoveryOptions = {},
  ) {}

  /**
   * The server answers 404 both for "no SSO" and for an organization it does not know, so a
   * 404 is followed by a read of the organization: found, it has no connection; not found,
   * that error is the answer.
   */
  async get(ref: OrgRef, call: CallOptions): Promise<SsoState> {
    const client = await this.clients.forProfile(ref.profileId);
    try {
      return { connection: await client.organizations.ssoConnection.retrieve(ref.orgId, call) };
    } catch (error) {
      if (!(error instanceof ApiNotFoundError)) throw error;
      await client.organizations.retrieve(ref.orgId, {}, call);
      return { connection: null };
    }
  }

  async enable(ref: OrgRef, fields: EnableFields, call: CallOptions): Promise<SsoSaved> {
    const client = await this.clients.forProfile(ref.profileId);
    const secret = await this.#secret(fields.client_secret);
    const body: SsoEnableBody = { ...fields, client_secret: secret.value ?? null };
    const connection = await client.organizations.ssoConnection.enable(ref.orgId, body, call);
    return { connection, clipboardCleared: await secret.cleared() };
  }

  async update(ref: OrgRef, fields: UpdateFields, call: CallOptions): Promise<SsoSaved> {
    const client = await this.clients.forProfile(ref.profileId);
    const secret = await this.#secret(fields.client_secret);
    const body: SsoUpdateBody = { ...fields, client_secret: secret.value };
    if (fields.client_secret === undefined) delete body.client_secret;
    const connection = await client.organizations.ssoConnection.update(ref.orgId, body, call);
    return { connection, clipboardCleared: await secret.cleared() };
  }

  async disable(ref: OrgRef, call: CallOptions): Promise<{ disabled: true }> {
    const client = await this.clients.forProfile(ref.profileId);
    await client.organizations.ssoConnection.disable(ref.orgId, call);
    return { disabled: true };
  }

  discover(identifier: string, call: CallOptions): Promise<DiscoveredProvider> {
    return discoverProvider(identifier, this.discovery, call);
  }

  /** A provider that cannot be reached is what a check is for: it is reported, not thrown. */
  async check(ref: OrgRef, call: CallOptions): Promise<SsoCheck> {
    const client = await this.clients.forProfile(ref.profileId);
    const connection = await client.organizations.ssoConnection.retrieve(ref.orgId, call);
    const checkedAt = new Date().toISOString();
    try {
      const found = await checkConnection(connection, this.discovery, call);
      return { connection, checkedAt, ...found, failure: null };
    } catch (error) {
      if (!(error instanceof DiscoveryError)) throw error;
      const failure = { code: error.code, message: error.message };
      return { connection, checkedAt, discovered: null, differences: [], jwks: null, failure };
    }
  }

  /** The secret to send, and, once it was accepted, whether the clipboard it came from was cleared. */
  async #secret(change: SecretChange): Promise<{ value: string | null | undefined; cleared(): Promise<boolean> }> {
    const none = { cleared: async () => false };
    if (change === undefined || change === null) return { value: change, ...none };
    if (change.source === 'typed') return { value: change.value, ...none };
    const pasted = await this.clipboard.paste('sso_client_secret');
    return { value: readPasted(pasted), cleared: () => this.clipboard.clearPasted(pasted) };
  }
}

/** A line break at the end is how terminals and some consoles copy; it is not part of the secret. */
function readPasted(text: string): string {
  const candidate = text.replace(/\r?\n$/, '');
  if (candidate.length === 0) {
    const message = 'The clipboard holds no text: copy the client secret from your provider, then save again';
    throw new InvalidInputError(message, [{ path: 'client_secret', message }]);
  }
  const parsed = SsoClientSecret.safeParse(candidate);
  if (parsed.success) return parsed.data;
  // The schema's messages describe the problem without quoting the value.
  const reason = parsed.error.issues[0]?.message ?? 'The client secret is not usable';
  const message = `The clipboard does not hold a usable client secret. ${reason}`;
  throw new InvalidInputError(message, [{ path: 'client_secret', message }]);
}
