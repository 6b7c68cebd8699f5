import { z } from 'zod';
import { Id, Permissions, Timestamp, listResponse } from './common';
import { hasBidiControl, hasControlCharacter, isWellFormed } from '../text';
import { OrganizationRole } from './users';

export const InvitationStatus = z.enum(['pending', 'accepted', 'expired', 'revoked']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

export const Invitation = z.object({
  id: Id,
  /** A plain string as answered: one odd address must not hide the list. */
  email: z.string(),
  role: OrganizationRole,
  status: InvitationStatus,
  created_by: Id,
  expires_at: Timestamp,
  organization_id: Id,
  created_at: Timestamp,
  updated_at: Timestamp,
  permissions: Permissions.optional(),
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationListResponse = listResponse(Invitation);
export type InvitationListResponse = z.infer<typeof InvitationListResponse>;

/** RFC 5321's limit on a forward path, which is what a mail server will accept. */
export const MAX_EMAIL_LENGTH = 254;

/**
 * An address the app sends an invitation to. The length is checked before the pattern so a
 * pasted megabyte is refused at once, and control and bidi characters are refused by name
 * because they would make the address read differently from what is sent.
 */
export const InvitationEmail = z
  .string()
  .trim()
  .min(1, { message: 'Email is required', abort: true })
  .max(MAX_EMAIL_LENGTH, { message: `Email must be at most ${MAX_EMAIL_LENGTH} characters`, abort: true })
  .superRefine((value, ctx) => {
    const problem = !isWellFormed(value)
      ? 'The email contains a broken character (an unpaired surrogate)'
      : hasBidiControl(value)
        ? 'The email cannot contain text-direction control characters (they change how it reads)'
        : hasControlCharacter(value)
          ? 'The email cannot contain control characters such as tabs or line breaks'
          : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
  })
  .pipe(z.email({ message: 'Enter an email address such as name@example.com' }));

export const InvitationCreateBody = z.object({ email: InvitationEmail, role: OrganizationRole });
export type InvitationCreateBody = z.infer<typeof InvitationCreateBody>;

/** `GET /invitations/{token}`: what the invited person sees before accepting, without signing in. */
export const InvitationDetails = z.object({
  email: z.string(),
  role: OrganizationRole,
  status: InvitationStatus,
  expires_at: Timestamp,
  organization_name: z.string(),
  created_by_name: z.string(),
});
export type InvitationDetails = z.infer<typeof InvitationDetails>;

/** `POST /invitations/{token}/accept`. */
export const InvitationAcceptResponse = z.object({
  success: z.boolean(),
  organization_id: Id,
  organization_name: z.string(),
  user_id: Id.optional(),
});
export type InvitationAcceptResponse = z.infer<typeof InvitationAcceptResponse>;

/**
 * The `code` of a 409 to an invitation create, so the app can say per address what happened:
 * the address is already a member's, or already has a pending invitation.
 */
export const InvitationConflictCode = z.enum(['already_member', 'already_invited']);
export type InvitationConflictCode = z.infer<typeof InvitationConflictCode>;
