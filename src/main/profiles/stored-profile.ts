import { z } from 'zod';
import { Environment, ProfileId } from '../../shared/ipc/profiles';

/** A profile as written to `profiles.json`: never a secret, only where to find it. */
export const StoredProfile = z.object({
  id: ProfileId,
  name: z.string().min(1),
  baseUrl: z.string().min(1),
  color: z.string(),
  /**
   * Absent in files written before environments existed, and for a profile given none. A value
   * this version does not know (a newer one wrote it) reads as none rather than moving the file aside.
   */
  environment: Environment.optional().catch(undefined),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('client_credentials'), clientId: z.string().min(1) }),
    z.object({ kind: z.literal('bearer') }),
    z.object({ kind: z.literal('sandbox') }),
  ]),
  /**
   * The keychain account holding the profile's secret when it is not the profile's ID: set when
   * the client credentials were replaced (see `keychain-accounts.ts`), so the new secret could be
   * written beside the old one and the file switch to it in one write.
   */
  secretAccount: z.string().min(1).max(512).optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type StoredProfile = z.infer<typeof StoredProfile>;

export const ProfilesFile = z.object({
  version: z.literal(1),
  profiles: z.array(StoredProfile),
});
export type ProfilesFile = z.infer<typeof ProfilesFile>;
