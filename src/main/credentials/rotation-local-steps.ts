import type { ProfileService } from '../profiles/profile-service';
import type { CredentialSecrets } from './credential-secrets';
import type { RotationTarget } from './rotation-journal';
import type { CredentialIds, RotationPort } from './rotation';

export type LocalRotationSteps = Pick<
  RotationPort,
  'storeSecret' | 'readSecret' | 'deleteSecret' | 'repointProfiles' | 'profilesUsing'
>;

/**
 * The steps of a rotation that stay on this machine: credential secrets in the keychain, filed
 * under the target's profile, organization and service account, and the profiles on the target
 * profile's server. The API steps (create, find, verify, revoke, delete) come from the client.
 */
export function localRotationSteps(
  target: RotationTarget,
  secrets: CredentialSecrets,
  profiles: ProfileService,
  /** Where the target profile signs in; the embedded sandbox's profile stores no real address. */
  serverOf: (profileId: string) => Promise<string> = async (id) => (await profiles.get(id)).baseUrl,
): LocalRotationSteps {
  const ref = (credential: CredentialIds) => ({
    profileId: target.profileId,
    orgId: target.orgId,
    serviceAccountId: target.serviceAccountId,
    credentialId: credential.id,
    clientId: credential.clientId,
  });
  const baseUrl = (): Promise<string> => serverOf(target.profileId);
  return {
    storeSecret: (credential, secret) => secrets.store(ref(credential), secret),
    readSecret: (credential) => secrets.read(ref(credential)),
    deleteSecret: async (credential) => void (await secrets.delete(ref(credential))),
    repointProfiles: async (fromClientId, to) =>
      profiles.replaceClientCredentials(
        { baseUrl: await baseUrl(), fromClientId },
        { clientId: to.clientId, clientSecret: to.secret },
      ),
    profilesUsing: async (clientId) => profiles.profilesUsing(await baseUrl(), clientId),
  };
}
