import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compareCsv, compareFileName, compareJson, differenceCount } from '../../../src/main/compare/compare-format';
import { diffMembers, diffSso } from '../../../src/shared/compare/diff';
import { CompareResult } from '../../../src/shared/ipc/compare';

const side = (name: string) => ({
  profileId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  profileName: `Profile ${name}`,
  orgId: name.repeat(26),
  orgName: `Org ${name}`,
  orgLabel: `org-${name}`,
});

function result(): CompareResult {
  return CompareResult.parse({
    a: side('a'),
    b: side('b'),
    members: {
      diff: diffMembers(
        [
          { email: '=HYPERLINK("http://evil")@example.com', type: 'user', role: 'org_admin', status: 'active' },
          { email: 'both@example.com', type: 'user', role: 'org_admin', status: 'active' },
          { email: 'same@example.com', type: 'user', role: 'org_member', status: 'active' },
        ],
        [
          { email: 'both@example.com', type: 'user', role: 'org_member', status: 'disabled' },
          { email: 'same@example.com', type: 'user', role: 'org_member', status: 'active' },
          { email: 'new@example.com', type: 'invitation', role: 'org_viewer', status: 'pending' },
        ],
      ),
      unreadable: [],
    },
    serviceAccounts: {
      diff: null,
      unreadable: [{ side: 'b', profileName: 'Profile b', reason: 'Your role (org_viewer) does not allow it' }],
    },
    sso: {
      diff: diffSso(null, {
        id: 'c'.repeat(26),
        identifier: 'https://login.example.com',
        client_id: '+cmd',
        client_secret_set: true,
        protocols: { oauth2: { scopes_supported: ['openid', 'email'] } },
        created_at: '2026-01-05T09:00:00.000Z',
        updated_at: '2026-01-05T09:00:00.000Z',
      }),
      unreadable: [],
    },
    comparedAt: '2026-11-25T10:00:00.000Z',
  });
}

describe('compare export format', () => {
  it('writes one CSV line per difference, the counts, the SSO fields and why a section is unreadable', () => {
    const rows = parse(compareCsv(result()), { bom: true, columns: true }) as Array<Record<string, string>>;
    const line = (section: string, item: string) => rows.find((row) => row.section === section && row.item === item);
    expect(line('members', 'both@example.com')).toEqual({
      section: 'members',
      item: 'both@example.com',
      difference: 'differs',
      fields: 'role status',
      a: 'member, org_admin, active',
      b: 'member, org_member, disabled',
    });
    expect(line('members', 'new@example.com')).toMatchObject({
      difference: 'only_in_b',
      a: '',
      b: 'invitation, org_viewer, pending',
    });
    expect(rows.find((row) => row.section === 'members' && row.difference === 'same')).toMatchObject({
      a: '1',
      b: '1',
    });
    expect(rows.find((row) => row.section === 'service_accounts')).toEqual({
      section: 'service_accounts',
      item: '',
      difference: 'not_readable',
      fields: '',
      a: '',
      b: 'Not readable under profile Profile b: Your role (org_viewer) does not allow it',
    });
    expect(line('sso', 'enabled')).toMatchObject({ difference: 'differs', a: 'false', b: 'true' });
    expect(line('sso', 'scopes_supported')).toMatchObject({ a: '', b: 'email openid' });
    expect(rows.filter((row) => row.section === 'sso')).toHaveLength(11);
  });

  it('keeps a cell a spreadsheet would run as a formula from starting with its formula character', () => {
    const rows = parse(compareCsv(result()), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.some((row) => row.item === `'=HYPERLINK("http://evil")@example.com`)).toBe(true);
    expect(line(rows, 'client_id')?.b).toBe(`'+cmd`);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes JSON that reads back as the comparison, counts its differences and names the file after both sides', () => {
    expect(CompareResult.parse(JSON.parse(compareJson(result())))).toEqual(result());
    // Members: one differs, one is only in A, one only in B; SSO: on, issuer, client ID, secret set and scopes differ.
    expect(differenceCount(result())).toBe(3 + 5);
    expect(compareFileName('acme', 'globex', 'csv', new Date(2026, 10, 5))).toBe(
      'acme-vs-globex-compare-2026-11-05.csv',
    );
  });
});

function line(rows: Array<Record<string, string>>, item: string) {
  return rows.find((row) => row.item === item);
}
