import { z } from 'zod';
import { Id, Permissions, Timestamp, pathId } from '../api/common';
import { Credential } from '../api/credentials';
import { Description, MachineName, ServiceAccount } from '../api/service-accounts';
import { OrgRef } from './organizations';
import { ProfileColor, ProfileId, ProfileName, ProfileView } from './profiles';

export const ServiceAccountList = z.object({
  items: z.array(ServiceAccount),
  /** List-level permissions (`service_accounts.create`…), for disabling what is denied. */
  permissions: Permissions.optional(),
});
export type ServiceAccountList = z.infer<typeof ServiceAccountList>;

export const ServiceAccountCreateInput = OrgRef.extend({ name: MachineName, description: Description.optional() });
export type ServiceAccountCreateInput = z.input<typeof ServiceAccountCreateInput>;

export const ServiceAccountRef = OrgRef.extend({ serviceAccountId: pathId('service account ID') });
export type ServiceAccountRef = z.input<typeof ServiceAccountRef>;

export const ServiceAccountUpdateInput = ServiceAccountRef.extend({
  name: MachineName.optional(),
  /** `null` clears it. */
  description: Description.nullable().optional(),
});
export type ServiceAccountUpdateInput = z.input<typeof ServiceAccountUpdateInput>;

export const ServiceAccountRemoved = z.object({
  serviceAccountId: Id,
  /** Credentials that died with the account, and the keychain items Orgdesk deleted for them. */
  credentialsRevoked: z.number().int().nonnegative(),
  secretsDeleted: z.number().int().nonnegative(),
});
export type ServiceAccountRemoved = z.infer<typeof ServiceAccountRemoved>;

/** A credential as the app shows it: the server's fields and whether Orgdesk holds its secret. */
export const CredentialView = Credential.extend({ heldInKeychain: z.boolean() });
export type CredentialView = z.infer<typeof CredentialView>;

export const CredentialList = z.object({ items: z.array(CredentialView), permissions: Permissions.optional() });
export type CredentialList = z.infer<typeof CredentialList>;

export const CredentialCreateInput = ServiceAccountRef.extend({
  name: MachineName,
  description: Description.optional(),
  /** Stores the new secret in the OS keychain at once (the panel's default). */
  saveToKeychain: z.boolean(),
});
export type CredentialCreateInput = z.input<typeof CredentialCreateInput>;

/**
 * The one answer that carries a credential's secret to the window, to show it once. Main keeps
 * it in memory while the panel is open (copy, save later), until `forgetSecret`.
 */
export const CredentialCreated = z.object({
  credential: CredentialView,
  clientSecret: z.string().min(1),
  /** False when saving was not asked, or failed: `keychainProblem` says why. */
  savedToKeychain: z.boolean(),
  keychainProblem: z.string().optional(),
});
export type CredentialCreated = z.infer<typeof CredentialCreated>;

export const CredentialRef = ServiceAccountRef.extend({ credentialId: pathId('credential ID') });
export type CredentialRef = z.input<typeof CredentialRef>;

export const CredentialUpdateInput = CredentialRef.extend({
  name: MachineName.optional(),
  description: Description.nullable().optional(),
});
export type CredentialUpdateInput = z.input<typeof CredentialUpdateInput>;

export const SecretCopied = z.object({
  /** Main clears the clipboard after this long, if it still holds the secret. */
  clearsAfterSeconds: z.number().int().positive(),
});
export type SecretCopied = z.infer<typeof SecretCopied>;

export const SecretRevealed = z.object({ clientSecret: z.string().min(1) });
export type SecretRevealed = z.infer<typeof SecretRevealed>;

export const CredentialRevoked = z.object({ credentialId: Id, secretDeleted: z.boolean() });
export type CredentialRevoked = z.infer<typeof CredentialRevoked>;

export const UseAsProfileInput = CredentialRef.extend({ name: ProfileName, color: ProfileColor });
export type UseAsProfileInput = z.input<typeof UseAsProfileInput>;
export { ProfileView };

/** An organization token: its value stays in main; the window gets what to show and a handle to copy it. */
export const OrgTokenIssued = z.object({
  handle: z.string().min(1).max(64),
  tokenType: z.string(),
  /** Absent when the server gave no lifetime. */
  expiresAt: Timestamp.optional(),
});
export type OrgTokenIssued = z.infer<typeof OrgTokenIssued>;

export const OrgTokenRef = z.object({ handle: z.string().min(1).max(64) });
export type OrgTokenRef = z.input<typeof OrgTokenRef>;

/** A credential secret Orgdesk holds in the keychain, and whether the server still has the credential. */
export const HeldSecret = z.object({
  profileId: z.string(),
  /** Absent when the profile it was saved through has been removed. */
  profileName: z.string().optional(),
  orgId: z.string(),
  serviceAccountId: z.string(),
  credentialId: z.string(),
  clientId: z.string(),
  /** `gone`: the server answered 404, the secret can sign in nowhere. `unknown`: it could not be asked. */
  status: z.enum(['exists', 'gone', 'unknown']),
  credentialName: z.string().optional(),
  problem: z.string().optional(),
});
export type HeldSecret = z.infer<typeof HeldSecret>;

export const KeychainInventory = z.object({ items: z.array(HeldSecret) });
export type KeychainInventory = z.infer<typeof KeychainInventory>;

/** One held secret, by the names its keychain item carries: the same IDs the API takes in a path. */
export const HeldSecretRef = z.object({
  profileId: ProfileId,
  orgId: pathId('organization ID'),
  serviceAccountId: pathId('service account ID'),
  credentialId: pathId('credential ID'),
  clientId: pathId('client ID'),
});
export type HeldSecretRef = z.input<typeof HeldSecretRef>;
