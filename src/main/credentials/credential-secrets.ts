import { InvalidInputError, OrgdeskError } from '../errors';
import type { Logger } from '../log';
import { credentialAccount, parseCredentialAccount, type CredentialRef } from '../secrets/keychain-accounts';
import type { SecretStore } from '../secrets/secret-store';

export type { CredentialRef } from '../secrets/keychain-accounts';

/**
 * Service account credential secrets in the OS keychain: one item per credential and profile,
 * named as `keychain-accounts.ts` describes, in the same keychain service as profile secrets.
 * Saving reads the secret back (the store refuses one the keychain changed); a locked or
 * refusing keychain is a `KeychainError` and nothing is kept anywhere else.
 */
export class CredentialSecrets {
  constructor(
    private readonly keychain: SecretStore,
    private readonly logger: Logger,
  ) {}

  /** Resolves once the keychain gives back exactly `secret` under the credential's name. */
  async store(ref: CredentialRef, secret: string): Promise<void> {
    const account = credentialAccount(ref);
    if (secret.length === 0) {
      throw new InvalidInputError('There is no secret to save.', [{ path: 'secret', message: 'Empty' }]);
    }
    await this.keychain.set(account, secret);
    this.logger.info('credentials.secret_stored', describe(ref));
  }

  /** The secret, or null when the keychain has none for it — or is locked, which a Secret Service does not tell apart. */
  async read(ref: CredentialRef): Promise<string | null> {
    return this.keychain.get(credentialAccount(ref));
  }

  /** The secret, or an error saying it is missing or the keychain locked. */
  async require(ref: CredentialRef): Promise<string> {
    const secret = await this.read(ref);
    if (secret === null) {
      throw new OrgdeskError(
        'not_found',
        'The keychain gave no secret for this credential. If your keychain is locked, unlock it and try again; otherwise Orgdesk does not hold this secret.',
        { code: 'credential_secret_missing' },
      );
    }
    return secret;
  }

  /** Resolves to whether there was an item to delete. */
  async delete(ref: CredentialRef): Promise<boolean> {
    const removed = await this.keychain.delete(credentialAccount(ref));
    this.logger.info('credentials.secret_deleted', { ...describe(ref), removed });
    return removed;
  }

  /**
   * Every credential whose secret Orgdesk holds, across profiles, from the item names alone:
   * no secret is read. Sorted by profile, organization, service account, credential.
   */
  async inventory(): Promise<CredentialRef[]> {
    const held: CredentialRef[] = [];
    for (const account of await this.keychain.accounts()) {
      const ref = parseCredentialAccount(account);
      if (ref) held.push(ref);
    }
    return held.sort(
      (a, b) =>
        compare(a.profileId, b.profileId) ||
        compare(a.orgId, b.orgId) ||
        compare(a.serviceAccountId, b.serviceAccountId) ||
        compare(a.credentialId, b.credentialId) ||
        compare(a.clientId, b.clientId),
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a log line says about a credential: its IDs, which are not secrets. */
function describe(ref: CredentialRef): Record<string, string> {
  return {
    profileId: ref.profileId,
    orgId: ref.orgId,
    serviceAccountId: ref.serviceAccountId,
    credentialId: ref.credentialId,
  };
}
