import type { HeldSecret } from '../../shared/ipc/service-accounts';
import { ApiNotFoundError, type CallOptions } from '../api';
import type { ClientRegistry } from '../connections/client-registry';
import { OrgdeskError } from '../errors';
import type { Logger } from '../log';
import type { ProfileService } from '../profiles/profile-service';
import type { CredentialRef } from '../secrets/keychain-accounts';
import type { CredentialSecrets } from './credential-secrets';

/** Checks run a few at a time: one request per held secret, and a user may hold dozens. */
const CHECK_CONCURRENCY = 4;

/**
 * What Orgdesk holds in the keychain for service account credentials, each checked against the
 * server of the profile it was saved through: a credential deleted there (404) leaves a secret
 * that signs in nowhere, which the window offers to delete. Only item names are read, never a
 * secret.
 */
export class KeychainInventory {
  constructor(
    private readonly secrets: CredentialSecrets,
    private readonly profiles: ProfileService,
    private readonly clients: ClientRegistry,
    private readonly logger: Logger,
  ) {}

  async list(call: CallOptions): Promise<HeldSecret[]> {
    const held = await this.secrets.inventory();
    const names = new Map((await this.profiles.list()).profiles.map((profile) => [profile.id, profile.name]));
    const results: HeldSecret[] = new Array(held.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < held.length; index = next++) {
        results[index] = await this.#check(held[index]!, names.get(held[index]!.profileId), call);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, held.length) }, worker));
    return results;
  }

  async forget(ref: CredentialRef): Promise<{ deleted: boolean }> {
    const deleted = await this.secrets.delete(ref);
    this.logger.info('credentials.held_forgotten', { credentialId: ref.credentialId, deleted });
    return { deleted };
  }

  async #check(ref: CredentialRef, profileName: string | undefined, call: CallOptions): Promise<HeldSecret> {
    const base = { ...ref, ...(profileName === undefined ? {} : { profileName }) };
    if (profileName === undefined) {
      return {
        ...base,
        status: 'unknown',
        problem: 'The profile it was saved through was removed, so its server is unknown.',
      };
    }
    try {
      const client = await this.clients.forProfile(ref.profileId);
      const credential = await client.organizations.serviceAccounts.credentials.retrieve(
        ref.orgId,
        ref.serviceAccountId,
        ref.credentialId,
        {},
        call,
      );
      return { ...base, status: 'exists', credentialName: credential.name };
    } catch (error) {
      // The cancel of the whole check ends it; one credential's trouble is that row's.
      if (call.signal?.aborted) throw error;
      if (error instanceof ApiNotFoundError) return { ...base, status: 'gone' };
      const problem = error instanceof OrgdeskError ? error.message : 'The server could not be asked.';
      return { ...base, status: 'unknown', problem };
    }
  }
}
