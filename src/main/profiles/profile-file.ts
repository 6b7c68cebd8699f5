import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { StoreProblem } from '../../shared/ipc/profiles';
import { writeFileAtomically } from '../atomic-file';
import { OrgdeskError } from '../errors';
import type { Logger } from '../log';
import { ProfilesFile } from './stored-profile';

const EMPTY: ProfilesFile = { version: 1, profiles: [] };

/**
 * `profiles.json` in the user-data folder. Reads are validated; a file that is not valid
 * JSON or not a valid profiles file is moved aside (never deleted, never overwritten) and
 * reported, and the app carries on with no profiles. Writes go to a temporary file that is
 * flushed and renamed over the old one, so a crash mid-write leaves the previous version.
 */
export class ProfileFile {
  readonly path: string;
  readonly problems: StoreProblem[] = [];

  constructor(
    userDataDir: string,
    private readonly logger: Logger,
  ) {
    this.path = join(userDataDir, 'profiles.json');
  }

  async read(): Promise<ProfilesFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return structuredClone(EMPTY);
      // Unreadable is not corrupt: the file may be fine once its permissions are, so it stays put.
      throw new OrgdeskError(
        'internal',
        `Orgdesk could not read its profiles file ${this.path} (${code ?? 'unknown error'}). Check that it is a file you can read, then retry.`,
        { code: 'profiles_unreadable', cause: error },
      );
    }
    let reason: string;
    try {
      const parsed = ProfilesFile.safeParse(JSON.parse(text));
      if (parsed.success) return await this.withoutUrlPasswords(parsed.data);
      reason = `it does not match the expected format (${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`)
        .join('; ')})`;
    } catch {
      reason = 'it is not valid JSON';
    }
    return this.moveAside(reason);
  }

  async write(data: ProfilesFile): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomically(this.path, `${JSON.stringify(ProfilesFile.parse(data), null, 2)}\n`, { mode: 0o600 });
  }

  /**
   * Base URLs are refused with a user name or password in them now, but a file written before
   * may hold one in plain text: it is taken out and the file rewritten at once, and the user told.
   */
  private async withoutUrlPasswords(data: ProfilesFile): Promise<ProfilesFile> {
    const cleaned = data.profiles.map((profile) => ({ ...profile, baseUrl: withoutUserinfo(profile.baseUrl) }));
    const changed = cleaned.filter((profile, i) => profile.baseUrl !== data.profiles[i]!.baseUrl);
    if (changed.length === 0) return data;
    const next = { ...data, profiles: cleaned };
    await this.write(next);
    for (const profile of changed) this.logger.warn('profiles.url_userinfo_removed', { profileId: profile.id });
    const names = changed.map((profile) => `"${profile.name}"`).join(', ');
    this.problems.push({
      message: `A user name or password was written in the API base URL of ${names}. Orgdesk removed it from ${this.path}; the profile's own credentials sign in.`,
    });
    return next;
  }

  private async moveAside(reason: string): Promise<ProfilesFile> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const movedTo = `${this.path}.corrupt-${stamp}`;
    await rename(this.path, movedTo);
    const message = `Your profiles file could not be read because ${reason}. It was kept as ${movedTo}; Orgdesk started with no profiles.`;
    this.logger.error('profiles.corrupt_file', { movedTo, reason });
    this.problems.push({ message, movedTo });
    return structuredClone(EMPTY);
  }
}

/** The URL without `user:password@`, otherwise exactly as stored. */
export function withoutUserinfo(baseUrl: string): string {
  const url = URL.parse(baseUrl);
  if (!url || (url.username === '' && url.password === '')) return baseUrl;
  url.username = '';
  url.password = '';
  return url.href.replace(/\/+$/, '');
}
