import { z } from 'zod';
import { displayName } from '../text';
import { isLoopbackHost } from '../urls';
import { BearerToken, BearerTokenOrKeep, ClientId, ClientSecret, ClientSecretOrKeep } from './credentials';

export const DEFAULT_BASE_URL = 'https://api.keycard.ai';

/** Swatches the profile form offers; any `#rrggbb` is accepted. */
export const PROFILE_COLORS = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];

/** The first swatch no profile wears yet (after all eight, they come round again), so tabs stay told apart. */
export function unusedColor(used: readonly string[]): string {
  const taken = new Set(used.map((color) => color.toLowerCase()));
  return PROFILE_COLORS.find((color) => !taken.has(color)) ?? PROFILE_COLORS[used.length % PROFILE_COLORS.length]!;
}

export const ProfileId = z.uuid();

export const ProfileName = displayName({
  required: 'Give the profile a name',
  max: 80,
  tooLong: 'Keep the name under 80 characters',
});

/** Checked before the URL is parsed, so an oversized one costs no parse. */
export const BASE_URL_MAX = 2048;

export const BaseUrl = z
  .string()
  .trim()
  .min(1, { message: 'Enter the API base URL', abort: true })
  .max(BASE_URL_MAX, { message: `The URL can be at most ${BASE_URL_MAX} characters`, abort: true })
  .superRefine((value, ctx) => {
    const url = URL.parse(value);
    if (!url) ctx.addIssue({ code: 'custom', message: 'Enter a full URL such as https://api.keycard.ai' });
    // A password in the URL would be written to profiles.json in plain text.
    else if (url.username !== '' || url.password !== '')
      ctx.addIssue({
        code: 'custom',
        message: "Remove the user name and password from the URL; the profile's credentials sign in",
      });
    else if (!/^https?:$/.test(url.protocol))
      ctx.addIssue({ code: 'custom', message: 'The URL must start with https://' });
    // A client secret must not cross a network in the clear; plain HTTP is for a server on this machine.
    else if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
      ctx.addIssue({ code: 'custom', message: 'Use https:// (plain http:// is only allowed for localhost)' });
  })
  .transform((value) => value.replace(/\/+$/, ''));

export const ProfileColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Pick a colour');

/** Which kind of deployment a profile reaches; optional, and shown on its tabs so production is never mistaken. */
export const ENVIRONMENTS = ['production', 'staging', 'development', 'sandbox'] as const;
export const Environment = z.enum(ENVIRONMENTS, { message: 'Pick production, staging, development or sandbox' });
export type Environment = z.infer<typeof Environment>;

/**
 * How a profile logs in. `sandbox` profiles talk to the embedded sandbox server,
 * whose address and credential main resolves at run time: nothing of theirs is in the keychain.
 */
export const AuthKind = z.enum(['client_credentials', 'bearer', 'sandbox']);
export type AuthKind = z.infer<typeof AuthKind>;

const ProfileFields = {
  name: ProfileName,
  baseUrl: BaseUrl.default(DEFAULT_BASE_URL),
  color: ProfileColor,
  environment: Environment.optional(),
};

/** A new profile as the form submits it; the secret travels once, renderer → main, and is never sent back. */
export const ProfileCreateInput = z.discriminatedUnion('authKind', [
  z.object({
    ...ProfileFields,
    authKind: z.literal('client_credentials'),
    clientId: ClientId,
    clientSecret: ClientSecret,
  }),
  z.object({ ...ProfileFields, authKind: z.literal('bearer'), token: BearerToken }),
]);
export type ProfileCreateInput = z.input<typeof ProfileCreateInput>;

/**
 * An edit. Absent or empty `clientSecret` / `token` keeps the stored one; switching
 * `authKind` needs the new kind's secret.
 */
export const ProfileUpdateInput = z.object({
  id: ProfileId,
  authKind: z.enum(['client_credentials', 'bearer']).optional(),
  name: ProfileName.optional(),
  baseUrl: BaseUrl.optional(),
  color: ProfileColor.optional(),
  /** `null` takes the environment off. */
  environment: Environment.nullable().optional(),
  clientId: ClientId.optional(),
  clientSecret: ClientSecretOrKeep.optional(),
  token: BearerTokenOrKeep.optional(),
});
export type ProfileUpdateInput = z.input<typeof ProfileUpdateInput>;

/** What the renderer sees of a profile: never a secret, only whether one is stored. */
export const ProfileView = z.object({
  id: ProfileId,
  name: z.string(),
  baseUrl: z.string(),
  color: z.string(),
  environment: Environment.optional(),
  authKind: AuthKind,
  clientId: z.string().optional(),
  /** Whether the keychain holds this profile's secret, as far as its last answer tells. */
  secretStored: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const KeychainStatus = z.object({
  available: z.boolean(),
  message: z.string().optional(),
});
export type KeychainStatus = z.infer<typeof KeychainStatus>;

/** A problem found while loading settings, e.g. a corrupt file moved aside. */
export const StoreProblem = z.object({
  message: z.string(),
  movedTo: z.string().optional(),
});
export type StoreProblem = z.infer<typeof StoreProblem>;

export const ProfileList = z.object({
  profiles: z.array(ProfileView),
  keychain: KeychainStatus,
  problems: z.array(StoreProblem),
});
export type ProfileList = z.infer<typeof ProfileList>;

/**
 * Test a saved profile (optionally with unsaved edits from its form, the stored secret
 * standing in for an empty one), or a new profile's form before it is saved.
 */
export const ProfileTestInput = z
  .object({
    id: ProfileId.optional(),
    changes: ProfileUpdateInput.omit({ id: true }).optional(),
    draft: ProfileCreateInput.optional(),
  })
  // One object rather than a union, so a bad field is reported at its own path: a union that
  // fails answers only "invalid input" for the whole payload.
  .superRefine((input, ctx) => {
    if ((input.id === undefined) === (input.draft === undefined))
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'Test either a saved profile (id) or a draft' });
    else if (input.draft !== undefined && input.changes !== undefined)
      ctx.addIssue({ code: 'custom', path: ['changes'], message: 'A draft carries its own fields' });
  })
  .transform(({ id, changes, draft }): ProfileTest =>
    draft !== undefined ? { draft } : { id: id as string, ...(changes === undefined ? {} : { changes }) },
  );
export type ProfileTestInput = z.input<typeof ProfileTestInput>;
/** What main works with: a saved profile with unsaved edits, or a draft. */
export type ProfileTest =
  | { draft: z.output<typeof ProfileCreateInput> }
  | { id: string; changes?: Omit<z.output<typeof ProfileUpdateInput>, 'id'> };

export const ConnectionTestResult = z.object({
  organizationCount: z.number().int().nonnegative(),
  organizations: z.array(z.object({ id: z.string(), name: z.string() })),
  elapsedMs: z.number().nonnegative(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;
