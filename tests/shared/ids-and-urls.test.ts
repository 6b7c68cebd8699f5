import { describe, expect, it } from 'vitest';
import { OrgRef, OrgRenameInput } from '../../src/shared/ipc/organizations';
import { BaseUrl } from '../../src/shared/ipc/profiles';

const PROFILE_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function messageOf(result: { error?: { issues: Array<{ message: string }> } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe('API base URL', () => {
  it('refuses a user name or password in the URL without quoting it', () => {
    for (const url of [
      'https://admin:hunter2@api.keycard.ai',
      'https://admin@api.keycard.ai',
      'http://:hunter2@localhost:4010',
    ]) {
      const message = messageOf(BaseUrl.safeParse(url));
      expect(message, url).toBe("Remove the user name and password from the URL; the profile's credentials sign in");
      expect(message).not.toMatch(/hunter2|admin/);
    }
  });

  it('caps the length at 2048 and refuses 20 MB without parsing it', () => {
    const at = (length: number) => `https://api.keycard.ai/${'a'.repeat(length - 'https://api.keycard.ai/'.length)}`;
    expect(BaseUrl.safeParse(at(2048)).success).toBe(true);
    expect(messageOf(BaseUrl.safeParse(at(2049)))).toBe('The URL can be at most 2048 characters');
    const parse = URL.parse;
    let parsed = 0;
    URL.parse = (...args: Parameters<typeof URL.parse>) => {
      parsed += 1;
      return parse(...args);
    };
    try {
      expect(messageOf(BaseUrl.safeParse(at(20 * 1024 * 1024)))).toBe('The URL can be at most 2048 characters');
    } finally {
      URL.parse = parse;
    }
    expect(parsed).toBe(0);
  });
});

describe('organization IDs in the contract', () => {
  const ref = (orgId: string) => OrgRef.safeParse({ profileId: PROFILE_ID, orgId });

  it('accepts nanoids and DNS labels', () => {
    for (const orgId of ['k3v9q2x8m1p7r4t6w0y5z2a8b1', 'acme-robotics', 'a.b_c~d'])
      expect(ref(orgId).success).toBe(true);
  });

  it('refuses dot-segments, broken characters, controls and anything not URL-unreserved, by name', () => {
    const notUnreserved = 'The organization ID may only contain letters, digits and - . _ ~';
    const cases: Array<[string, string]> = [
      ['.', 'The organization ID cannot be "." or ".."'],
      ['..', 'The organization ID cannot be "." or ".."'],
      ['\uD800', notUnreserved],
      ['acme\u0000', notUnreserved],
      ['acme/users', notUnreserved],
      ['acme?x=1', notUnreserved],
      ['%2e%2e', notUnreserved],
      ['acmé', notUnreserved],
      ['a b', notUnreserved],
      ['x'.repeat(256), 'The organization ID can be at most 255 characters'],
      ['', 'The organization ID is missing'],
    ];
    for (const [orgId, message] of cases) {
      const result = ref(orgId);
      expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['orgId', message]]);
    }
    expect(OrgRenameInput.safeParse({ profileId: PROFILE_ID, orgId: '..', name: 'x' }).success).toBe(false);
  });
});
