import { z } from 'zod';
import { IdentityType, IdentityStatus } from '../api/identities';
import { OrganizationRole } from '../api/users';
import { ExportFormat } from './people';
import { OrgRef } from './organizations';

/** Two organizations, each under its own profile: they may sit on different servers, with different credentials. */
export const CompareInput = z.object({ a: OrgRef, b: OrgRef });
export type CompareInput = z.input<typeof CompareInput>;

export const CompareSide = z.enum(['a', 'b']);
export type CompareSide = z.infer<typeof CompareSide>;

/** Who each side is, for labels: two tabs of one organization under two profiles look alike otherwise. */
export const ComparedOrganization = z.object({
  profileId: z.string(),
  profileName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  orgLabel: z.string(),
});
export type ComparedOrganization = z.infer<typeof ComparedOrganization>;

/** A section one side's profile may not read (a viewer cannot read SSO or service accounts): why, as the server said. */
export const Unreadable = z.object({ side: CompareSide, profileName: z.string(), reason: z.string() });
export type Unreadable = z.infer<typeof Unreadable>;

/**
 * What matched on both sides: a count, and a few names for the reader to recognise, bounded so
 * that 10,000 identical members cost a number rather than 10,000 rows.
 */
export const SameSummary = z.object({ count: z.number().int().nonnegative(), sample: z.array(z.string()) });
export type SameSummary = z.infer<typeof SameSummary>;

/** A person as one side holds them: a member, or a pending invitation. */
export const PersonState = z.object({ type: IdentityType, role: OrganizationRole, status: IdentityStatus });
export type PersonState = z.infer<typeof PersonState>;

export const PersonField = z.enum(['type', 'role', 'status']);
export type PersonField = z.infer<typeof PersonField>;

/**
 * One email that differs: absent on a side (`null`), or present on both with `fields` naming
 * what differs. `email` is as side A spells it when A has it; matching ignores case.
 */
export const MemberDifference = z.object({
  email: z.string(),
  a: PersonState.nullable(),
  b: PersonState.nullable(),
  fields: z.array(PersonField),
});
export type MemberDifference = z.infer<typeof MemberDifference>;

export const MembersDiff = z.object({
  /** Every difference, ordered by email. */
  differences: z.array(MemberDifference),
  same: SameSummary,
  /** People each side holds (members and pending invitations), and those without an email, never matched. */
  counted: z.object({ a: z.number().int().nonnegative(), b: z.number().int().nonnegative() }),
  withoutEmail: z.object({ a: z.number().int().nonnegative(), b: z.number().int().nonnegative() }),
});
export type MembersDiff = z.infer<typeof MembersDiff>;

/** A service account as one side holds it; an empty description reads as none. */
export const AccountState = z.object({ name: z.string(), description: z.string().nullable() });
export type AccountState = z.infer<typeof AccountState>;

export const AccountField = z.enum(['name', 'description']);
export type AccountField = z.infer<typeof AccountField>;

/**
 * One service account that differs. Names match ignoring case, as the server keeps them unique;
 * a name spelt with other capitals on the other side differs in `name`.
 */
export const ServiceAccountDifference = z.object({
  name: z.string(),
  a: AccountState.nullable(),
  b: AccountState.nullable(),
  fields: z.array(AccountField),
});
export type ServiceAccountDifference = z.infer<typeof ServiceAccountDifference>;

export const ServiceAccountsDiff = z.object({
  differences: z.array(ServiceAccountDifference),
  same: SameSummary,
  counted: z.object({ a: z.number().int().nonnegative(), b: z.number().int().nonnegative() }),
});
export type ServiceAccountsDiff = z.infer<typeof ServiceAccountsDiff>;

/** The SSO settings compared, in the order the SSO view shows them. */
export const SsoField = z.enum([
  'enabled',
  'identifier',
  'client_id',
  'client_secret_set',
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'registration_endpoint',
  'userinfo_endpoint',
  'scopes_supported',
  'code_challenge_methods_supported',
]);
export type SsoField = z.infer<typeof SsoField>;

/** A setting's value: a flag, a URL or ID, a set (sorted, without repeats), or `null` when not set. */
export const SsoValue = z.union([z.boolean(), z.string(), z.array(z.string())]).nullable();
export type SsoValue = z.infer<typeof SsoValue>;

export const SsoFieldComparison = z.object({ field: SsoField, a: SsoValue, b: SsoValue, same: z.boolean() });
export type SsoFieldComparison = z.infer<typeof SsoFieldComparison>;

/** Every field, each with both values: eleven rows, never the client secret itself. */
export const SsoDiff = z.object({ fields: z.array(SsoFieldComparison) });
export type SsoDiff = z.infer<typeof SsoDiff>;

/** A section is compared, or not readable under one profile or both (then `diff` is `null`). */
function section<T extends z.ZodType>(diff: T) {
  return z.object({ diff: diff.nullable(), unreadable: z.array(Unreadable) });
}

export const CompareResult = z.object({
  a: ComparedOrganization,
  b: ComparedOrganization,
  members: section(MembersDiff),
  serviceAccounts: section(ServiceAccountsDiff),
  sso: section(SsoDiff),
  comparedAt: z.string(),
});
export type CompareResult = z.infer<typeof CompareResult>;

export const CompareExportInput = CompareInput.extend({ format: ExportFormat });
export type CompareExportInput = z.input<typeof CompareExportInput>;

/** `saved: false` when the save dialog was cancelled: nothing was read or written. */
export const CompareExportResult = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(false) }),
  z.object({ saved: z.literal(true), path: z.string(), differences: z.number().int().nonnegative() }),
]);
export type CompareExportResult = z.infer<typeof CompareExportResult>;
