import type { Handlers } from '../../../shared/ipc/contract';
import type { CredentialService } from '../../credentials/credential-service';
import type { CredentialRotation } from '../../credentials/rotation';
import type { KeychainInventory } from '../../credentials/keychain-inventory';

/** Service accounts of an organization: one-liners over the credential service. */
export function serviceAccountHandlers(service: CredentialService): Handlers['serviceAccounts'] {
  return {
    list: ({ profileId, orgId }, call) => service.listAccounts(profileId, orgId, call),
    create: ({ profileId, orgId, name, description }, call) =>
      service.createAccount(profileId, orgId, { name, description }, call),
    update: ({ profileId, orgId, serviceAccountId, name, description }, call) =>
      service.updateAccount({ profileId, orgId, serviceAccountId }, { name, description }, call),
    remove: ({ profileId, orgId, serviceAccountId }, call) =>
      service.removeAccount({ profileId, orgId, serviceAccountId }, call),
  };
}

/** A service account's credentials and their secrets, which stay in main but for create and reveal. */
export function credentialHandlers(
  service: CredentialService,
  rotation: CredentialRotation,
  inventory: KeychainInventory,
): Handlers['credentials'] {
  return {
    list: ({ profileId, orgId, serviceAccountId }, call) =>
      service.listCredentials({ profileId, orgId, serviceAccountId }, call),
    create: ({ profileId, orgId, serviceAccountId, name, description, saveToKeychain }, call) =>
      service.createCredential({ profileId, orgId, serviceAccountId }, { name, description }, saveToKeychain, call),
    update: ({ name, description, ...target }, call) => service.updateCredential(target, { name, description }, call),
    saveSecret: (target, call) => service.saveSecret(target, call),
    forgetSecret: async (target) => service.forgetSecret(target),
    copySecret: (target) => service.copySecret(target),
    revealSecret: (target) => service.revealSecret(target),
    revoke: (target, call) => service.revoke(target, call),
    useAsProfile: ({ name, color, ...target }, call) => service.useAsProfile(target, { name, color }, call),
    rotate: (target, call) => service.rotate(target, call),
    rotations: async () => ({ items: await rotation.list() }),
    rotation: ({ rotationId }) => rotation.get(rotationId),
    rotationAction: ({ rotationId, action }) => rotationActions[action](rotation, rotationId),
    inventory: async (_input, call) => ({ items: await inventory.list(call) }),
    forgetHeld: (ref) => inventory.forget(ref),
  };
}

const rotationActions = {
  resume: (rotation: CredentialRotation, id: string) => rotation.resume(id),
  check: (rotation: CredentialRotation, id: string) => rotation.check(id),
  clean_up: (rotation: CredentialRotation, id: string) => rotation.cleanUp(id),
  dismiss: (rotation: CredentialRotation, id: string) => rotation.dismiss(id),
};
