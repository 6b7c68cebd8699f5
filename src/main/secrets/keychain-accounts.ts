import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../errors';

/**
 * How Orgdesk names its items in the keychain. Every item is under one service (`Orgdesk`);
 * the account name says whose secret it is:
 *
 * - `<profileId>`: a profile's secret (client secret or bearer token) as saved when the
 *   profile was created or edited. Profile IDs are UUIDs, so they never contain `/`.
 * - `profile/<profileId>/<uuid>`: a profile's secret after its client credentials were replaced
 *   (a rotation repoints the profile): written under a new name first so the profile file can
 *   switch to it in one write. The profile file records the name (`secretAccount`).
 * - `credential/v1/<profileId>/<orgId>/<serviceAccountId>/<credentialId>/<clientId>`: a
 *   service account credential's secret, saved from the "shown once" panel, with each part
 *   percent-encoded so none can contain the separator. Everything a keychain inventory needs
 *   is in the name, so listing never reads a secret.
 */
const CREDENTIAL_PREFIX = 'credential/v1/';
const PROFILE_PREFIX = 'profile/';

/**
 * Windows Credential Manager keeps the account as the item's user name, at most 513 characters
 * (CRED_MAX_USERNAME_LENGTH); five Keycard IDs are far shorter in practice.
 */
export const MAX_ACCOUNT_LENGTH = 512;

/** Which credential a keychain item holds the secret of, and which profile saved it. */
export interface CredentialRef {
  /** The profile (server and sign-in) the credential was created or saved through. */
  profileId: string;
  orgId: string;
  serviceAccountId: string;
  credentialId: string;
  clientId: string;
}

const PARTS = ['profileId', 'orgId', 'serviceAccountId', 'credentialId', 'clientId'] as const;

export function credentialAccount(ref: CredentialRef): string {
  const missing = PARTS.filter((part) => typeof ref[part] !== 'string' || ref[part].length === 0);
  if (missing.length > 0) {
    throw new InvalidInputError(
      'A credential is named by its profile, organization, service account, credential and client IDs.',
      missing.map((path) => ({ path, message: 'Required' })),
    );
  }
  const account = CREDENTIAL_PREFIX + PARTS.map((part) => encodeURIComponent(ref[part])).join('/');
  if (account.length > MAX_ACCOUNT_LENGTH) {
    throw new InvalidInputError('These IDs are too long together to name a keychain item.', [
      { path: 'credentialId', message: `Together the IDs must stay under ${MAX_ACCOUNT_LENGTH} characters` },
    ]);
  }
  return account;
}

/** The credential an account name stands for, or `undefined` for any other item. */
export function parseCredentialAccount(account: string): CredentialRef | undefined {
  if (!account.startsWith(CREDENTIAL_PREFIX)) return undefined;
  const parts = account.slice(CREDENTIAL_PREFIX.length).split('/');
  if (parts.length !== PARTS.length) return undefined;
  try {
    const decoded = parts.map((part) => decodeURIComponent(part));
    if (decoded.some((part) => part.length === 0)) return undefined;
    const [profileId, orgId, serviceAccountId, credentialId, clientId] = decoded as [
      string,
      string,
      string,
      string,
      string,
    ];
    return { profileId, orgId, serviceAccountId, credentialId, clientId };
  } catch {
    return undefined;
  }
}

/** A fresh account name for a profile's replacement secret. */
export function newProfileSecretAccount(profileId: string): string {
  return `${PROFILE_PREFIX}${profileId}/${randomUUID()}`;
}
