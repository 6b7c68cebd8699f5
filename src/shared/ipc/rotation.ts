import { z } from 'zod';
import { Timestamp } from '../api/common';

/** 1 create the new credential, 2 save its secret, 3 sign in with it, 4 repoint profiles, 5 revoke the old one. */
export const ROTATION_STEPS = ['create', 'store', 'verify', 'repoint', 'revoke'] as const;
export const RotationStep = z.enum(ROTATION_STEPS);
export type RotationStep = z.infer<typeof RotationStep>;

/**
 * - pending: not begun
 * - started: written before the step acts; still there after a restart means Orgdesk stopped
 *   before learning how the step ended
 * - done / failed: how it ended (failed: provably without effect, or with an effect a retry repeats safely)
 * - unknown: it failed in a way that may have acted (a create whose answer was lost)
 */
export const StepStatus = z.enum(['pending', 'started', 'done', 'failed', 'unknown']);
export type StepStatus = z.infer<typeof StepStatus>;

/** An error as shown to the user: the message of an `OrgdeskError`, never a secret. */
export const StepError = z.object({
  kind: z.string(),
  message: z.string(),
  code: z.string().optional(),
});
export type StepError = z.infer<typeof StepError>;

const KeycardId = z.string().min(1).max(255);

/** The credential being replaced, and the profile whose server and sign-in the rotation uses. */
export const RotationTarget = z.object({
  profileId: z.string().min(1).max(255),
  orgId: KeycardId,
  serviceAccountId: KeycardId,
  credentialId: KeycardId,
  clientId: KeycardId,
  /** The old credential's name; the new one's is made from it. */
  name: z.string().max(255),
});
export type RotationTarget = z.infer<typeof RotationTarget>;

/** `interrupted`: the journal says running, but no rotation runs in this process (Orgdesk stopped mid-way). */
export const RotationState = z.enum([
  'running',
  'interrupted',
  'failed',
  'done',
  'nothing_created',
  'cleaned_up',
  'dismissed',
]);
export type RotationState = z.infer<typeof RotationState>;

export const RotationAction = z.enum(['resume', 'check', 'clean_up', 'dismiss']);
export type RotationAction = z.infer<typeof RotationAction>;

const CredentialIds = z.object({ id: KeycardId, clientId: KeycardId });

/** A rotation as the window shows it: each step's state, what exists now, and what can be done. */
export const RotationReport = z.object({
  id: z.string().min(1).max(64),
  target: RotationTarget,
  newName: z.string(),
  state: RotationState,
  steps: z.array(
    z.object({
      number: z.number().int(),
      step: RotationStep,
      label: z.string(),
      status: StepStatus,
      error: StepError.optional(),
    }),
  ),
  newCredential: CredentialIds.optional(),
  repointedProfileIds: z.array(z.string()),
  /** What exists now, as far as Orgdesk knows. */
  exists: z.object({
    oldCredential: z.enum(['working', 'maybe_revoked', 'revoked']),
    newCredential: z.enum(['none', 'maybe', 'exists', 'deleted']),
    newSecretInKeychain: z.enum(['yes', 'no', 'unknown']),
  }),
  /** A problem not tied to one step: the journal could not be written, a clean-up failed. */
  problem: StepError.optional(),
  actions: z.array(RotationAction),
  /** One paragraph saying where the rotation is, what exists and what can be done. */
  summary: z.string(),
  startedAt: Timestamp,
  updatedAt: Timestamp,
});
export type RotationReport = z.infer<typeof RotationReport>;

export const RotationList = z.object({ items: z.array(RotationReport) });
export type RotationList = z.infer<typeof RotationList>;

export const RotationRef = z.object({ rotationId: z.string().min(1).max(64) });
export type RotationRef = z.input<typeof RotationRef>;

export const RotationActionInput = RotationRef.extend({ action: RotationAction });
export type RotationActionInput = z.input<typeof RotationActionInput>;
