import type { Credential } from '../../shared/api/credentials';
import type { ServiceAccount, ServiceAccountUpdateBody } from '../../shared/api/service-accounts';
import type { ProfileView } from '../../shared/ipc/profiles';
import type {
  CredentialCreated,
  CredentialList,
  CredentialView,
  ServiceAccountList,
  ServiceAccountRemoved,
} from '../../shared/ipc/service-accounts';
import { ApiNotFoundError, type CallOptions, type KeycardClient } from '../api';
import type { ClientRegistry } from '../connections/client-registry';
import type { EmbeddedSandbox } from '../connections/embedded-sandbox';
import { NotFoundError, OrgdeskError } from '../errors';
import type { Logger } from '../log';
import type { ProfileService } from '../profiles/profile-service';
import type { CredentialRef as KeychainRef } from '../secrets/keychain-accounts';
import type { CredentialSecrets } from './credential-secrets';
import type { PendingSecrets } from './pending-secrets';
import type { SecretClipboard } from './secret-clipboard';
import type { CredentialRotation, RotationView } from './rotation';

export interface AccountTarget {
  profileId: string;
  orgId: string;
  serviceAccountId: string;
}

export interface CredentialTarget extends AccountTarget {
  credentialId: string;
}

/** The pending-secret key of a credential: one panel per credential and profile. */
function pendingKey(target: CredentialTarget): string {
  return [target.profileId, target.orgId, target.serviceAccountId, target.credentialId].join('\u0000');
}

function sameCredential(ref: KeychainRef, target: CredentialTarget): boolean {
  return (
    ref.profileId === target.profileId &&
    ref.orgId === target.orgId &&
    ref.serviceAccountId === target.serviceAccountId &&
    ref.credentialId === target.credentialId
  );
}

/**
 * Service accounts and their credentials as the window works with them: the server's records,
 * which secrets the keychain holds, the one-time secret of a new credential while its panel is
 * open, and the clipboard. A secret reaches the window twice only: in the create answer (to
 * show it once) and in an explicit reveal.
 */
export class CredentialService {
  constructor(
    private readonly clients: ClientRegistry,
    private readonly profiles: ProfileService,
    private readonly sandbox: EmbeddedSandbox,
    private readonly secrets: CredentialSecrets,
    private readonly pending: PendingSecrets,
    private readonly clipboard: SecretClipboard,
    private readonly rotation: CredentialRotation,
    private readonly logger: Logger,
  ) {}

  /** Starts the guided rotation of a credential, from its server record (client ID and name). */
  async rotate(target: CredentialTarget, call: CallOptions): Promise<RotationView> {
    const credential = await this.#retrieve(target, call);
    return this.rotation.start({ ...target, clientId: credential.client_id, name: credential.name });
  }

  async listAccounts(profileId: string, orgId: string, call: CallOptions): Promise<ServiceAccountList> {
    const client = await this.clients.forProfile(profileId);
    const { items, permissions } = await client.organizations.serviceAccounts.listAll(
      orgId,
      { limit: 1000, expand: ['permissions'] },
      call,
    );
    return permissions === undefined ? { items } : { items, permissions };
  }

  async createAccount(
    profileId: string,
    orgId: string,
    body: { name: string; description?: string },
    call: CallOptions,
  ): Promise<ServiceAccount> {
    const client = await this.clients.forProfile(profileId);
    return client.organizations.serviceAccounts.create(orgId, body, { expand: ['permissions'] }, call);
  }

  async updateAccount(
    target: AccountTarget,
    body: ServiceAccountUpdateBody,
    call: CallOptions,
  ): Promise<ServiceAccount> {
    const client = await this.clients.forProfile(target.profileId);
    return client.organizations.serviceAccounts.update(
      target.orgId,
      target.serviceAccountId,
      body,
      { expand: ['permissions'] },
      call,
    );
  }

  /**
   * Deletes the account (the server revokes its credentials with it), then the keychain items
   * Orgdesk held for those credentials under any profile: a secret that can no longer sign in
   * is only a liability.
   */
  async removeAccount(target: AccountTarget, call: CallOptions): Promise<ServiceAccountRemoved> {
    const client = await this.clients.forProfile(target.profileId);
    const { items } = await client.organizations.serviceAccounts.credentials.listAll(
      target.orgId,
      target.serviceAccountId,
      { limit: 1000 },
      call,
    );
    await client.organizations.serviceAccounts.delete(target.orgId, target.serviceAccountId, call);
    const doomed = new Set(items.map((credential) => credential.id));
    let secretsDeleted = 0;
    for (const ref of await this.secrets.inventory()) {
      if (ref.serviceAccountId === target.serviceAccountId && doomed.has(ref.credentialId)) {
        if (await this.secrets.delete(ref)) secretsDeleted += 1;
      }
    }
    for (const id of doomed) this.pending.forget(pendingKey({ ...target, credentialId: id }));
    return { serviceAccountId: target.serviceAccountId, credentialsRevoked: items.length, secretsDeleted };
  }

  async listCredentials(target: AccountTarget, call: CallOptions): Promise<CredentialList> {
    const client = await this.clients.forProfile(target.profileId);
    const [{ items, permissions }, held] = await Promise.all([
      client.organizations.serviceAccounts.credentials.listAll(
        target.orgId,
        target.serviceAccountId,
        { limit: 1000, expand: ['permissions'] },
        call,
      ),
      this.#heldFor(target),
    ]);
    const views = items.map((credential) => this.#view(credential, held));
    return permissions === undefined ? { items: views } : { items: views, permissions };
  }

  /**
   * Creates the credential and, when asked, saves its secret at once. A keychain that refuses
   * does not undo the create: the secret is still shown, and held here for Copy or a later save.
   */
  async createCredential(
    target: AccountTarget,
    body: { name: string; description?: string },
    saveToKeychain: boolean,
    call: CallOptions,
  ): Promise<CredentialCreated> {
    const client = await this.clients.forProfile(target.profileId);
    const created = await client.organizations.serviceAccounts.credentials.create(
      target.orgId,
      target.serviceAccountId,
      body,
      { expand: ['permissions'] },
      call,
    );
    const { client_secret: clientSecret, ...credential } = created;
    const ref = this.#keychainRef(target, credential);
    this.pending.put(pendingKey(ref), clientSecret);
    let savedToKeychain = false;
    let keychainProblem: string | undefined;
    if (saveToKeychain) {
      try {
        await this.secrets.store(ref, clientSecret);
        savedToKeychain = true;
      } catch (error) {
        keychainProblem = error instanceof OrgdeskError ? error.message : 'The keychain refused it.';
        this.logger.warn('credentials.save_failed', { credentialId: credential.id });
      }
    }
    const view: CredentialView = { ...credential, heldInKeychain: savedToKeychain };
    return keychainProblem === undefined
      ? { credential: view, clientSecret, savedToKeychain }
      : { credential: view, clientSecret, savedToKeychain, keychainProblem };
  }

  async updateCredential(
    target: CredentialTarget,
    body: { name?: string; description?: string | null },
    call: CallOptions,
  ): Promise<CredentialView> {
    const client = await this.clients.forProfile(target.profileId);
    const updated = await client.organizations.serviceAccounts.credentials.update(
      target.orgId,
      target.serviceAccountId,
      target.credentialId,
      body,
      { expand: ['permissions'] },
      call,
    );
    return this.#view(updated, await this.#heldFor(target));
  }

  /** Saves the secret of a credential created moments ago, while its panel still holds it. */
  async saveSecret(target: CredentialTarget, call: CallOptions): Promise<CredentialView> {
    const secret = this.pending.peek(pendingKey(target));
    if (secret === undefined) throw secretGone();
    const credential = await this.#retrieve(target, call);
    await this.secrets.store(this.#keychainRef(target, credential), secret);
    return { ...credential, heldInKeychain: true };
  }

  forgetSecret(target: CredentialTarget): { forgotten: boolean } {
    return { forgotten: this.pending.forget(pendingKey(target)) };
  }

  async copySecret(target: CredentialTarget): Promise<{ clearsAfterSeconds: number }> {
    const { clearsAfterMs } = await this.clipboard.copy(await this.#secretOf(target), 'credential_secret');
    return { clearsAfterSeconds: Math.round(clearsAfterMs / 1000) };
  }

  async revealSecret(target: CredentialTarget): Promise<{ clientSecret: string }> {
    const clientSecret = await this.#secretOf(target);
    this.logger.info('credentials.secret_revealed', { credentialId: target.credentialId });
    return { clientSecret };
  }

  /**
   * Revokes on the server, then deletes the keychain item. A revoke whose first answer was lost
   * and whose retry found nothing has happened all the same: a 404 counts as revoked.
   */
  async revoke(target: CredentialTarget, call: CallOptions): Promise<{ credentialId: string; secretDeleted: boolean }> {
    const client = await this.clients.forProfile(target.profileId);
    try {
      await client.organizations.serviceAccounts.credentials.delete(
        target.orgId,
        target.serviceAccountId,
        target.credentialId,
        call,
      );
    } catch (error) {
      if (!(error instanceof ApiNotFoundError)) throw error;
    }
    let secretDeleted = false;
    for (const ref of await this.secrets.inventory()) {
      if (ref.serviceAccountId === target.serviceAccountId && ref.credentialId === target.credentialId) {
        secretDeleted = (await this.secrets.delete(ref)) || secretDeleted;
      }
    }
    this.pending.forget(pendingKey(target));
    return { credentialId: target.credentialId, secretDeleted };
  }

  /**
   * A new profile that signs in as the credential, on the same server as the profile it was
   * created through (the embedded sandbox's current address for the sandbox profile).
   */
  async useAsProfile(
    target: CredentialTarget,
    profile: { name: string; color: string },
    call: CallOptions,
  ): Promise<ProfileView> {
    const credential = await this.#retrieve(target, call);
    const clientSecret = await this.#secretOf(target);
    const source = await this.profiles.get(target.profileId);
    const baseUrl = source.auth.kind === 'sandbox' ? (await this.sandbox.ensure()).url : source.baseUrl;
    return this.profiles.create({
      name: profile.name,
      color: profile.color,
      baseUrl,
      authKind: 'client_credentials',
      clientId: credential.client_id,
      clientSecret,
    });
  }

  async #retrieve(target: CredentialTarget, call: CallOptions): Promise<Credential> {
    const client: KeycardClient = await this.clients.forProfile(target.profileId);
    return client.organizations.serviceAccounts.credentials.retrieve(
      target.orgId,
      target.serviceAccountId,
      target.credentialId,
      {},
      call,
    );
  }

  /** The panel's secret if it is still open, else the keychain's. */
  async #secretOf(target: CredentialTarget): Promise<string> {
    const pending = this.pending.peek(pendingKey(target));
    if (pending !== undefined) return pending;
    const ref = (await this.secrets.inventory()).find((candidate) => sameCredential(candidate, target));
    if (ref === undefined) {
      throw new NotFoundError('Orgdesk holds no secret for this credential: it was never saved to this keychain.');
    }
    return this.secrets.require(ref);
  }

  async #heldFor(target: AccountTarget): Promise<Set<string>> {
    const held = new Set<string>();
    for (const ref of await this.secrets.inventory()) {
      if (
        ref.profileId === target.profileId &&
        ref.orgId === target.orgId &&
        ref.serviceAccountId === target.serviceAccountId
      ) {
        held.add(ref.credentialId);
      }
    }
    return held;
  }

  #view(credential: Credential, held: Set<string>): CredentialView {
    return { ...credential, heldInKeychain: held.has(credential.id) };
  }

  #keychainRef(target: AccountTarget, credential: Pick<Credential, 'id' | 'client_id'>): KeychainRef {
    return {
      profileId: target.profileId,
      orgId: target.orgId,
      serviceAccountId: target.serviceAccountId,
      credentialId: credential.id,
      clientId: credential.client_id,
    };
  }
}

function secretGone(): OrgdeskError {
  return new OrgdeskError(
    'not_found',
    'The new secret is no longer held: the panel was closed or left open too long. Create another credential.',
    { code: 'secret_gone' },
  );
}
