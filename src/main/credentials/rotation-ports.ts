import { ApiNotFoundError, createKeycardClient } from '../api';
import type { ClientRegistry } from '../connections/client-registry';
import type { EmbeddedSandbox } from '../connections/embedded-sandbox';
import type { Logger } from '../log';
import type { ProfileService } from '../profiles/profile-service';
import type { CredentialSecrets } from './credential-secrets';
import type { RotationTarget } from './rotation-journal';
import { localRotationSteps } from './rotation-local-steps';
import type { RotationPort, RotationPorts } from './rotation';

/**
 * A rotation's steps against the real API: create, find, revoke and delete through the target
 * profile's client; the proof through a client of its own that signs in with the new
 * credential and reads the organization; keychain and profiles through the local steps.
 * Requests carry the client's own per-request limits: a rotation is not cut short half-way.
 */
export function rotationPorts(deps: {
  clients: ClientRegistry;
  profiles: ProfileService;
  sandbox: EmbeddedSandbox;
  secrets: CredentialSecrets;
  logger: Logger;
}): RotationPorts {
  const { clients, profiles, sandbox, secrets, logger } = deps;
  const serverOf = async (profileId: string): Promise<string> => {
    const profile = await profiles.get(profileId);
    return profile.auth.kind === 'sandbox' ? (await sandbox.ensure()).url : profile.baseUrl;
  };
  return (target: RotationTarget): RotationPort => {
    const api = async () => (await clients.forProfile(target.profileId)).organizations.serviceAccounts.credentials;
    return {
      ...localRotationSteps(target, secrets, profiles, serverOf),
      async createCredential(name) {
        const created = await (await api()).create(target.orgId, target.serviceAccountId, { name });
        return { id: created.id, clientId: created.client_id, clientSecret: created.client_secret };
      },
      async findCredentialsNamed(name) {
        const { items } = await (await api()).listAll(target.orgId, target.serviceAccountId, { limit: 1000 });
        return items.filter((item) => item.name === name).map((item) => ({ id: item.id, clientId: item.client_id }));
      },
      async verifyLogin(clientId, secret) {
        const client = createKeycardClient({
          baseUrl: await serverOf(target.profileId),
          credentials: { type: 'client_credentials', clientId, getSecret: async () => secret },
          logger,
          onRequest: clients.observerFor(await profiles.get(target.profileId)),
        });
        await client.organizations.retrieve(target.orgId, { expand: [] });
      },
      async revokeCredential(credentialId) {
        await deleteIfThere(() => api().then((c) => c.delete(target.orgId, target.serviceAccountId, credentialId)));
      },
      async deleteCredential(credentialId) {
        await deleteIfThere(() => api().then((c) => c.delete(target.orgId, target.serviceAccountId, credentialId)));
      },
    };
  };
}

/** A delete whose first answer was lost is retried and finds nothing: that is done, not failed. */
async function deleteIfThere(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ApiNotFoundError)) throw error;
  }
}
