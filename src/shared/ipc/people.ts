import { z } from 'zod';
import { Id, Permissions, pathId } from '../api/common';
import { Identity, IdentityStatus, MAX_EMAIL_QUERY_LENGTH } from '../api/identities';
import { Invitation, InvitationEmail } from '../api/invitations';
import { OrganizationRole, UserStatus } from '../api/users';
import { IdentitySort } from '../people/identity-order';
import { hasBidiControl, hasControlCharacter, isWellFormed } from '../text';
import { OrgRef } from './organizations';

/** The most rows one page may ask for: the API's own bound. */
export const MAX_PAGE_LIMIT = 1000;

/** A cursor handed back by `people:identities`, given back as is for the next page. */
const Cursor = z
  .string()
  .min(1, { message: 'The page cursor is empty', abort: true })
  .max(255, { message: 'The page cursor can be at most 255 characters', abort: true });

/**
 * What the search box sends: trimmed, empty means no filter. Control and bidi characters are
 * refused by name since no address holds them and they would make the search read differently.
 */
const EmailQuery = z
  .string()
  .trim()
  .max(MAX_EMAIL_QUERY_LENGTH, { message: `Search at most ${MAX_EMAIL_QUERY_LENGTH} characters`, abort: true })
  .superRefine((value, ctx) => {
    const problem = !isWellFormed(value)
      ? 'The search contains a broken character (an unpaired surrogate)'
      : hasBidiControl(value)
        ? 'The search cannot contain text-direction control characters'
        : hasControlCharacter(value)
          ? 'The search cannot contain control characters such as tabs or line breaks'
          : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
  })
  .transform((value) => (value === '' ? undefined : value));

export const IdentityPageInput = OrgRef.extend({
  after: Cursor.optional(),
  limit: z
    .number()
    .int({ message: 'The page size must be a whole number' })
    .min(1, { message: 'The page size must be at least 1' })
    .max(MAX_PAGE_LIMIT, { message: `The page size can be at most ${MAX_PAGE_LIMIT}` })
    .optional(),
  email: EmailQuery.optional(),
  role: OrganizationRole.optional(),
});
export type IdentityPageInput = z.input<typeof IdentityPageInput>;

/** One page of members and invitations; `nextCursor` is absent on the last page. */
export const IdentityPage = z.object({
  items: z.array(Identity),
  nextCursor: Cursor.optional(),
  /** Every identity matching the filters, across all pages. */
  totalCount: z.number().int().nonnegative().optional(),
  /** List-level permissions (`users.update`, `invitations.create`…), for disabling what is denied. */
  permissions: Permissions.optional(),
});
export type IdentityPage = z.infer<typeof IdentityPage>;

const UserId = pathId('user ID');

export const MemberUpdateInput = OrgRef.extend({
  userId: UserId,
  role: OrganizationRole.optional(),
  status: UserStatus.optional(),
}).superRefine((value, ctx) => {
  if (value.role === undefined && value.status === undefined) {
    ctx.addIssue({ code: 'custom', path: ['role'], message: 'Choose a role or a status to change' });
  }
});
export type MemberUpdateInput = z.input<typeof MemberUpdateInput>;

export const MemberRef = OrgRef.extend({ userId: UserId });
export type MemberRef = z.input<typeof MemberRef>;

export const MemberRemoved = z.object({ userId: Id });

export const InviteInput = OrgRef.extend({ email: InvitationEmail, role: OrganizationRole });
export type InviteInput = z.input<typeof InviteInput>;

export const InvitationRef = OrgRef.extend({ invitationId: pathId('invitation ID') });
export type InvitationRef = z.input<typeof InvitationRef>;

export const InvitationRevoked = z.object({ invitationId: Id });

/** What the People table joins to its invitation rows by ID: when each expires. */
export const InvitationSummary = Invitation.pick({
  id: true,
  email: true,
  role: true,
  status: true,
  expires_at: true,
  created_at: true,
});
export type InvitationSummary = z.infer<typeof InvitationSummary>;

/** Every invitation of the organization, all pages. */
export const InvitationList = z.object({ items: z.array(InvitationSummary) });
export type InvitationList = z.infer<typeof InvitationList>;

export const ExportFormat = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/**
 * The People list as the table shows it: `email` and `role` are applied by the server (as in
 * `people:identities`), `status` and `sort` by main once every page is in. Pass the organization's
 * label as `orgId` for a default file name such as `acme-people-2026-11-25.csv`.
 */
export const PeopleExportInput = OrgRef.extend({
  format: ExportFormat,
  email: EmailQuery.optional(),
  role: OrganizationRole.optional(),
  status: IdentityStatus.optional(),
  sort: IdentitySort.optional(),
});
export type PeopleExportInput = z.input<typeof PeopleExportInput>;

/** `saved: false` when the save dialog was cancelled: nothing was read or written. */
export const PeopleExportResult = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(false) }),
  z.object({
    saved: z.literal(true),
    /** Where the file is, as the user chose it. */
    path: z.string(),
    /** The rows written (after the status filter). */
    count: z.number().int().nonnegative(),
  }),
]);
export type PeopleExportResult = z.infer<typeof PeopleExportResult>;
