import { describe, expect, it } from 'vitest';
import type { Organization } from '../../src/shared/api/organizations';
import type { ProfileView } from '../../src/shared/ipc/profiles';
import { candidatesFrom, matchesSearch } from '../../src/renderer/src/lib/compare/compare-candidates';
import { filterCounts, matchesFilter, ssoValueText } from '../../src/renderer/src/lib/compare/compare-rows';

const AT = '2026-01-05T09:00:00.000Z';
const profile = (id: string, name: string): ProfileView => ({
  id,
  name,
  baseUrl: 'http://127.0.0.1:4010',
  color: '#16a34a',
  authKind: 'client_credentials',
  secretStored: true,
  createdAt: AT,
  updatedAt: AT,
});
const org = (id: string, name: string): Organization => ({
  id,
  name,
  label: name.toLowerCase().replace(/ /g, '-'),
  sso_enabled: false,
  created_at: AT,
  updated_at: AT,
});

describe('compare candidates', () => {
  const profiles = [profile('p1', 'Production'), profile('p2', 'Staging'), profile('p3', 'Not loaded')];
  const orgs: Record<string, Organization[]> = {
    p1: [org('o2', 'Globex'), org('o1', 'Acme')],
    p2: [org('o1', 'Acme')],
  };

  it('lists every loaded organization by profile then name, less the one compared from (by ID or label)', () => {
    const list = (from: { profileId: string; orgId: string }) =>
      candidatesFrom(profiles, (id) => orgs[id], from).map((c) => `${c.profileName}/${c.orgName}`);
    expect(list({ profileId: 'p1', orgId: 'o1' })).toEqual(['Production/Globex', 'Staging/Acme']);
    expect(list({ profileId: 'p1', orgId: 'acme' })).toEqual(['Production/Globex', 'Staging/Acme']);
    expect(list({ profileId: 'p9', orgId: 'o1' })).toEqual(['Production/Acme', 'Production/Globex', 'Staging/Acme']);
  });

  it("finds by the organization's or the profile's name, ignoring case", () => {
    const [globex] = candidatesFrom(profiles, (id) => orgs[id], { profileId: 'p1', orgId: 'o1' });
    expect(matchesSearch(globex!, 'GLOB')).toBe(true);
    expect(matchesSearch(globex!, 'product')).toBe(true);
    expect(matchesSearch(globex!, 'staging')).toBe(false);
    expect(matchesSearch(globex!, '  ')).toBe(true);
  });
});

describe('compare rows', () => {
  const state = { name: 'x', description: null };
  const rows = [
    { a: state, b: null },
    { a: null, b: state },
    { a: state, b: state },
    { a: null, b: state },
  ];

  it('counts and filters differences by kind', () => {
    expect(filterCounts(rows)).toEqual({ all: 4, 'only-a': 1, 'only-b': 2, changed: 1 });
    expect(rows.filter((row) => matchesFilter(row, 'only-b'))).toHaveLength(2);
    expect(rows.filter((row) => matchesFilter(row, 'changed'))).toEqual([rows[2]]);
  });

  it('says SSO values in words, a set as its entries', () => {
    expect(ssoValueText('enabled', false)).toBe('Off');
    expect(ssoValueText('client_secret_set', true)).toBe('Set');
    expect(ssoValueText('client_secret_set', null)).toBe('—');
    expect(ssoValueText('scopes_supported', ['email', 'openid'])).toBe('email openid');
    expect(ssoValueText('identifier', null)).toBe('—');
  });
});
