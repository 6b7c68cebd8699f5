import { z } from 'zod';
import { Id, Permissions, Timestamp, listResponse } from './common';
import { displayName, hasBidiControl, hasControlCharacter, isWellFormed } from '../text';

export const ServiceAccount = z.object({
  id: Id,
  /** A plain string as answered: one odd name must not hide the list. */
  name: z.string(),
  description: z.string().nullish(),
  created_at: Timestamp,
  updated_at: Timestamp,
  permissions: Permissions.optional(),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

export const ServiceAccountListResponse = listResponse(ServiceAccount);
export type ServiceAccountListResponse = z.infer<typeof ServiceAccountListResponse>;

/** The longest name or description the app sends: the API's own limit is not published, 255 and 1,000 are safe. */
export const MAX_NAME_LENGTH = 255;
export const MAX_DESCRIPTION_LENGTH = 1000;

/** Service accounts and their credentials are named the same way: visible, one line, no direction controls. */
export const MachineName = displayName({
  required: 'Name is required',
  max: MAX_NAME_LENGTH,
  tooLong: `Name must be at most ${MAX_NAME_LENGTH} characters`,
});

/**
 * Free text, possibly several lines (tabs and line breaks allowed), but no other control
 * characters, no broken UTF-16 and no direction controls; empty after trimming means none.
 */
export const Description = z
  .string()
  .max(MAX_DESCRIPTION_LENGTH, {
    message: `Description must be at most ${MAX_DESCRIPTION_LENGTH} characters`,
    abort: true,
  })
  .superRefine((value, ctx) => {
    const problem = !isWellFormed(value)
      ? 'The description contains a broken character (an unpaired surrogate)'
      : hasBidiControl(value)
        ? 'The description cannot contain text-direction control characters'
        : hasControlCharacter(value.replace(/[\t\n\r]/g, ''))
          ? 'The description cannot contain control characters'
          : undefined;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => value.trim());

export const ServiceAccountCreateBody = z.object({ name: MachineName, description: Description.optional() });
export type ServiceAccountCreateBody = z.infer<typeof ServiceAccountCreateBody>;

/** `null` clears the description; an absent field keeps it. */
export const ServiceAccountUpdateBody = z.object({
  name: MachineName.optional(),
  description: Description.nullable().optional(),
});
export type ServiceAccountUpdateBody = z.infer<typeof ServiceAccountUpdateBody>;
