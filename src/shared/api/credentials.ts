import { z } from 'zod';
import { Id, Permissions, Timestamp, listResponse } from './common';
import { Description, MachineName } from './service-accounts';

/** A service account's client-credentials login, as listed: never its secret. */
export const Credential = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullish(),
  client_id: z.string().min(1).max(255),
  created_at: Timestamp,
  /** Absent or null until the credential first logs in. */
  last_used_at: Timestamp.nullish(),
  permissions: Permissions.optional(),
});
export type Credential = z.infer<typeof Credential>;

export const CredentialListResponse = listResponse(Credential);
export type CredentialListResponse = z.infer<typeof CredentialListResponse>;

/** `POST .../credentials` answers the credential with its secret: the only time the server sends it. */
export const CreatedCredential = Credential.extend({ client_secret: z.string().min(1) });
export type CreatedCredential = z.infer<typeof CreatedCredential>;

export const CredentialCreateBody = z.object({ name: MachineName, description: Description.optional() });
export type CredentialCreateBody = z.infer<typeof CredentialCreateBody>;

export const CredentialUpdateBody = z.object({
  name: MachineName.optional(),
  description: Description.nullable().optional(),
});
export type CredentialUpdateBody = z.infer<typeof CredentialUpdateBody>;
