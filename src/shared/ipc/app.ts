import { z } from 'zod';

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  /** Where profiles.json and the logs live, shown so the admin can find them. */
  userDataDir: z.string(),
  /** Name of the keychain entry group (service) secrets are stored under. */
  keychainService: z.string(),
  /** The folder main.log is written to, for About. */
  logDir: z.string(),
  /** What the app runs on, for About and bug reports; null outside Electron (tests). */
  versions: z.object({
    electron: z.string().nullable(),
    chromium: z.string().nullable(),
    node: z.string(),
  }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const SandboxInfo = z.object({
  url: z.string(),
  organizationCount: z.number().int(),
});
export type SandboxInfo = z.infer<typeof SandboxInfo>;

export const LogFolder = z.object({
  /** The folder that was opened, so the window can also show it as text. */
  path: z.string(),
});
export type LogFolder = z.infer<typeof LogFolder>;
