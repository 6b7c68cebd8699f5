import { z } from 'zod';

/**
 * A call the renderer may cancel carries an ID it chose; `calls:cancel` names it. A UUID, so a
 * page cannot guess another call's ID, and bounded, so the registry in main stays small.
 */
export const CallId = z.uuid();
export type CallId = z.infer<typeof CallId>;

export const CallCancelInput = z.object({ callId: CallId });
export const CallCancelResult = z.object({
  /** False when the call had already ended (or never existed): nothing was left to stop. */
  cancelled: z.boolean(),
});
export type CallCancelResult = z.infer<typeof CallCancelResult>;

/** What a handler gets besides its input: the signal that ends its work on cancel or deadline. */
export interface CallContext {
  readonly signal: AbortSignal;
  /** When the call's budget runs out (epoch ms), and how long that budget was. */
  readonly deadline: { readonly at: number; readonly ms: number };
}
