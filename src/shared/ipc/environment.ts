import { z } from 'zod';

/** Which kind of deployment a profile reaches; shown on its tabs so production is never mistaken. */
export const ENVIRONMENTS = ['production', 'staging', 'development', 'sandbox'] as const;
export const Environment = z.enum(ENVIRONMENTS, { message: 'Pick production, staging, development or sandbox' });
export type Environment = z.infer<typeof Environment>;
