import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DROPPED, organizationOf, recordedPath } from '../../../src/main/activity/request-target';
import { buildQuery } from '../../../src/main/api/core/query';
import { path } from '../../../src/main/api/core/path';

describe('the path an activity entry keeps', () => {
  it('keeps IDs in the path and harmless query values', () => {
    expect(recordedPath('/organizations/org_1/users/usr_2?limit=200&expand%5B%5D=permissions')).toBe(
      '/organizations/org_1/users/usr_2?limit=200&expand[]=permissions',
    );
    expect(recordedPath('/organizations/org_1/roles?scope=organization')).toBe(
      '/organizations/org_1/roles?scope=organization',
    );
  });

  it('drops a search, and page cursors, keeping their keys', () => {
    const target =
      '/organizations/org_1/identities' + buildQuery({ 'query[email]': 'zoe@acme.test', after: 'b3BhcXVl', limit: 50 });
    expect(recordedPath(target)).toBe(
      `/organizations/org_1/identities?query[email]=${DROPPED}&after=${DROPPED}&limit=50`,
    );
  });

  it('drops even a kept key’s value when it has not the shape that key takes', () => {
    expect(recordedPath('/organizations?limit=1%20OR%201')).toBe(`/organizations?limit=${DROPPED}`);
    expect(recordedPath('/organizations/o/roles?scope=sks_9f8A&role=org_admin')).toBe(
      `/organizations/o/roles?scope=${DROPPED}&role=org_admin`,
    );
  });

  it('hides the token of a public invitation link', () => {
    expect(recordedPath('/invitations/inv-tok-secret-123/accept')).toBe('/invitations/:token/accept');
  });

  it('names the organization of an org-scoped path, and none otherwise', () => {
    expect(organizationOf('/organizations/org_1/users?limit=5')).toBe('org_1');
    expect(organizationOf('/organizations/acme')).toBe('acme');
    expect(organizationOf('/organizations?limit=5')).toBeUndefined();
    expect(organizationOf('/service-account-token')).toBeUndefined();
  });

  // A value the app did not choose (an address, a cursor, anything typed) never shows; IDs do.
  const MARK = 'Q7secretQ7';
  const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,30}$/).filter((s) => s !== '.' && s !== '..');
  const sensitive = fc.string({ maxLength: 40 }).map((s) => `${s}${MARK}${s}`);
  const anyKey = fc.oneof(
    fc.constantFrom('limit', 'order', 'expand[]', 'scope', 'role', 'after', 'before', 'query[email]'),
    fc.string({ maxLength: 12 }).filter((k) => !k.includes(MARK)),
  );

  it('never keeps a sensitive query value, whatever the key (property)', () => {
    fc.assert(
      fc.property(segment, segment, fc.array(fc.tuple(anyKey, sensitive), { maxLength: 6 }), (org, user, pairs) => {
        const query: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
        for (const [key, value] of pairs) (query[key] ??= []).push(value);
        const target = path`/organizations/${org}/users/${user}` + buildQuery(query);
        const kept = recordedPath(target);
        expect(kept).not.toContain(MARK);
        expect(kept).not.toContain(encodeURIComponent(MARK));
        expect(kept.startsWith(`/organizations/${org}/users/${user}`)).toBe(true);
        expect(organizationOf(target)).toBe(org);
      }),
      { numRuns: 500 },
    );
  });

  it('never keeps an invitation token (property)', () => {
    fc.assert(
      fc.property(sensitive, fc.constantFrom('', '/accept', '/decline'), (token, rest) => {
        expect(recordedPath(`/invitations/${encodeURIComponent(token)}${rest}`)).not.toContain(MARK);
      }),
    );
  });
});
