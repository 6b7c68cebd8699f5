import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityStatus, IdentityType } from '../../../src/shared/api/identities';
import type { SsoConnection } from '../../../src/shared/api/sso-connection';
import { OrganizationRole } from '../../../src/shared/api/users';
import {
  SAME_SAMPLE_LIMIT,
  diffMembers,
  diffServiceAccounts,
  diffSso,
  isComparable,
  type ComparableAccount,
  type ComparablePerson,
} from '../../../src/shared/compare/diff';
import type { MembersDiff, ServiceAccountsDiff } from '../../../src/shared/ipc/compare';

/** A fixed seed, so a run draws the same values every time. */
const FUZZ = { seed: 9, numRuns: 400 };

const member = (email: string, fields: Partial<ComparablePerson> = {}): ComparablePerson => ({
  email,
  type: 'user',
  role: 'org_member',
  status: 'active',
  ...fields,
});

/** A few addresses in several spellings, so the same person shows up on both sides and in other capitals. */
const emailArb = fc
  .tuple(fc.constantFrom('ann', 'bob', 'cy', 'dee', 'eve', 'fay', ''), fc.boolean())
  .map(([name, upper]) => (name === '' ? '' : `${upper ? name.toUpperCase() : name}@example.com`));

const personArb: fc.Arbitrary<ComparablePerson> = fc.record({
  email: emailArb,
  type: fc.constantFrom(...IdentityType.options),
  role: fc.constantFrom(...OrganizationRole.options),
  status: fc.constantFrom(...IdentityStatus.options),
});

const accountArb: fc.Arbitrary<ComparableAccount> = fc.record({
  name: fc.constantFrom('deploy', 'Deploy', 'ci', 'backup', 'sync'),
  description: fc.option(fc.constantFrom('', ' ', 'nightly', 'Nightly', 'pushes images'), { nil: undefined }),
});

/** `diff` as `diffMembers(b, a)` should answer it: sides swapped, emails compared ignoring case. */
function swappedMembers(diff: MembersDiff): unknown {
  return {
    differences: diff.differences.map((row) => ({ ...row, email: row.email.toLowerCase(), a: row.b, b: row.a })),
    same: { count: diff.same.count, sample: diff.same.sample.map((email) => email.toLowerCase()) },
    counted: { a: diff.counted.b, b: diff.counted.a },
    withoutEmail: { a: diff.withoutEmail.b, b: diff.withoutEmail.a },
  };
}

function lowered(diff: MembersDiff): unknown {
  return {
    ...diff,
    differences: diff.differences.map((row) => ({ ...row, email: row.email.toLowerCase() })),
    same: { ...diff.same, sample: diff.same.sample.map((email) => email.toLowerCase()) },
  };
}

function swappedAccounts(diff: ServiceAccountsDiff): unknown {
  return {
    differences: diff.differences.map((row) => ({ ...row, name: row.name.toLowerCase(), a: row.b, b: row.a })),
    same: { count: diff.same.count, sample: diff.same.sample.map((name) => name.toLowerCase()) },
    counted: { a: diff.counted.b, b: diff.counted.a },
  };
}

const loweredAccounts = (diff: ServiceAccountsDiff): unknown => ({
  ...diff,
  differences: diff.differences.map((row) => ({ ...row, name: row.name.toLowerCase() })),
  same: { ...diff.same, sample: diff.same.sample.map((name) => name.toLowerCase()) },
});

describe('diffMembers', () => {
  it('sorts people into only in A, only in B, differing (naming the fields) and the same', () => {
    const a = [
      member('ann@example.com', { role: 'org_admin' }),
      member('Bob@Example.com'),
      member('cy@example.com', { status: 'disabled' }),
      member('only.a@example.com'),
      member('inv@example.com', { type: 'invitation', status: 'pending' }),
    ];
    const b = [
      member('ann@example.com'),
      member('bob@example.com'),
      member('cy@example.com', { role: 'org_viewer' }),
      member('only.b@example.com', { type: 'invitation', status: 'pending' }),
      member('inv@example.com'),
    ];
    expect(diffMembers(a, b)).toEqual({
      differences: [
        {
          email: 'ann@example.com',
          a: { type: 'user', role: 'org_admin', status: 'active' },
          b: { type: 'user', role: 'org_member', status: 'active' },
          fields: ['role'],
        },
        {
          email: 'cy@example.com',
          a: { type: 'user', role: 'org_member', status: 'disabled' },
          b: { type: 'user', role: 'org_viewer', status: 'active' },
          fields: ['role', 'status'],
        },
        {
          email: 'inv@example.com',
          a: { type: 'invitation', role: 'org_member', status: 'pending' },
          b: { type: 'user', role: 'org_member', status: 'active' },
          fields: ['type', 'status'],
        },
        { email: 'only.a@example.com', a: { type: 'user', role: 'org_member', status: 'active' }, b: null, fields: [] },
        {
          email: 'only.b@example.com',
          a: null,
          b: { type: 'invitation', role: 'org_member', status: 'pending' },
          fields: [],
        },
      ],
      same: { count: 1, sample: ['Bob@Example.com'] },
      counted: { a: 5, b: 5 },
      withoutEmail: { a: 0, b: 0 },
    });
  });

  it('leaves out invitations that are history, and lets the member stand for an email held twice', () => {
    const a = [
      member('x@example.com', { type: 'invitation', status: 'accepted', role: 'org_admin' }),
      member('x@example.com'),
      member('gone@example.com', { type: 'invitation', status: 'revoked' }),
      member('late@example.com', { type: 'invitation', status: 'expired' }),
    ];
    const b = [member('X@example.com', { type: 'invitation', status: 'pending' }), member('x@example.com')];
    const diff = diffMembers(a, b);
    expect(diff.differences).toEqual([]);
    expect(diff.same).toEqual({ count: 1, sample: ['x@example.com'] });
    expect(diff.counted).toEqual({ a: 1, b: 1 });
  });

  it('counts people without an email apart, never matching them', () => {
    const diff = diffMembers([member(''), member('  ')], [member('')]);
    expect(diff).toMatchObject({ differences: [], same: { count: 0 }, withoutEmail: { a: 2, b: 1 } });
  });

  it('answers 10,000 matching members as a count and a bounded sample', () => {
    const people = Array.from({ length: 10_000 }, (_, i) => member(`person.${i}@example.com`));
    const diff = diffMembers(people, [...people].reverse());
    expect(diff.differences).toEqual([]);
    expect(diff.same.count).toBe(10_000);
    expect(diff.same.sample).toHaveLength(SAME_SAMPLE_LIMIT);
    expect(JSON.stringify(diff).length).toBeLessThan(4_000);
  });

  it('mirrored, answers the same with the sides swapped', () => {
    fc.assert(
      fc.property(fc.array(personArb, { maxLength: 30 }), fc.array(personArb, { maxLength: 30 }), (a, b) => {
        expect(lowered(diffMembers(b, a, Infinity))).toEqual(swappedMembers(diffMembers(a, b, Infinity)));
      }),
      FUZZ,
    );
  });

  it('puts every email of either side in exactly one bucket', () => {
    fc.assert(
      fc.property(fc.array(personArb, { maxLength: 30 }), fc.array(personArb, { maxLength: 30 }), (a, b) => {
        const diff = diffMembers(a, b, Infinity);
        const emails = (side: ComparablePerson[]) =>
          new Set(side.filter((p) => isComparable(p) && p.email.trim() !== '').map((p) => p.email.toLowerCase()));
        const inA = emails(a);
        const inB = emails(b);
        const buckets = [
          ...diff.differences.map((row) => {
            const key = row.email.toLowerCase();
            // Each row says where the email is, and says it truthfully.
            expect(row.a !== null).toBe(inA.has(key));
            expect(row.b !== null).toBe(inB.has(key));
            if (row.a && row.b) expect(row.fields.length).toBeGreaterThan(0);
            else expect(row.fields).toEqual([]);
            return key;
          }),
          ...diff.same.sample.map((email) => email.toLowerCase()),
        ];
        expect(buckets.sort()).toEqual([...new Set([...inA, ...inB])].sort());
        expect(diff.same.count).toBe(diff.same.sample.length);
        expect(diff.counted).toEqual({ a: inA.size, b: inB.size });
      }),
      FUZZ,
    );
  });

  it('lists the differences in email order', () => {
    fc.assert(
      fc.property(fc.array(personArb, { maxLength: 30 }), fc.array(personArb, { maxLength: 30 }), (a, b) => {
        const keys = diffMembers(a, b).differences.map((row) => row.email.toLowerCase());
        expect(keys).toEqual([...keys].sort());
      }),
      FUZZ,
    );
  });
});

describe('diffServiceAccounts', () => {
  it('matches names ignoring case, naming a spelling or a description that differs', () => {
    const diff = diffServiceAccounts(
      [
        { name: 'deploy', description: 'pushes images' },
        { name: 'ci' },
        { name: 'backup', description: 'nightly' },
        { name: 'sync', description: '' },
      ],
      [{ name: 'Deploy', description: 'pushes images' }, { name: 'backup', description: 'weekly' }, { name: 'sync' }],
    );
    expect(diff).toEqual({
      differences: [
        {
          name: 'backup',
          a: { name: 'backup', description: 'nightly' },
          b: { name: 'backup', description: 'weekly' },
          fields: ['description'],
        },
        { name: 'ci', a: { name: 'ci', description: null }, b: null, fields: [] },
        {
          name: 'deploy',
          a: { name: 'deploy', description: 'pushes images' },
          b: { name: 'Deploy', description: 'pushes images' },
          fields: ['name'],
        },
      ],
      same: { count: 1, sample: ['sync'] },
      counted: { a: 4, b: 3 },
    });
  });

  it('mirrored, answers the same with the sides swapped', () => {
    fc.assert(
      fc.property(fc.array(accountArb, { maxLength: 12 }), fc.array(accountArb, { maxLength: 12 }), (a, b) => {
        expect(loweredAccounts(diffServiceAccounts(b, a, Infinity))).toEqual(
          swappedAccounts(diffServiceAccounts(a, b, Infinity)),
        );
      }),
      FUZZ,
    );
  });
});

const connection = (fields: Partial<SsoConnection> = {}): SsoConnection => ({
  id: 'c'.repeat(26),
  identifier: 'https://login.example.com',
  client_id: 'orgdesk',
  client_secret_set: true,
  protocols: {
    oauth2: {
      authorization_endpoint: 'https://login.example.com/authorize',
      token_endpoint: 'https://login.example.com/token',
      jwks_uri: 'https://login.example.com/jwks',
      registration_endpoint: null,
      scopes_supported: ['openid', 'email', 'profile'],
      code_challenge_methods_supported: ['S256'],
    },
    openid: { userinfo_endpoint: 'https://login.example.com/userinfo' },
  },
  created_at: '2026-01-05T09:00:00.000Z',
  updated_at: '2026-01-05T09:00:00.000Z',
  ...fields,
});

describe('diffSso', () => {
  const differing = (a: SsoConnection | null, b: SsoConnection | null) =>
    diffSso(a, b)
      .fields.filter((field) => !field.same)
      .map((field) => field.field);

  it('compares every field, scopes and PKCE methods as sets', () => {
    const b = connection({
      client_id: 'other',
      client_secret_set: false,
      protocols: {
        oauth2: {
          ...connection().protocols!.oauth2!,
          scopes_supported: ['profile', 'openid', 'email', 'email'],
          code_challenge_methods_supported: ['S256', 'plain'],
        },
        openid: null,
      },
    });
    const diff = diffSso(connection(), b);
    expect(diff.fields.map((field) => field.field)).toEqual([
      'enabled',
      'identifier',
      'client_id',
      'client_secret_set',
      'authorization_endpoint',
      'token_endpoint',
      'jwks_uri',
      'registration_endpoint',
      'userinfo_endpoint',
      'scopes_supported',
      'code_challenge_methods_supported',
    ]);
    expect(diff.fields.filter((field) => !field.same)).toEqual([
      { field: 'client_id', a: 'orgdesk', b: 'other', same: false },
      { field: 'client_secret_set', a: true, b: false, same: false },
      { field: 'userinfo_endpoint', a: 'https://login.example.com/userinfo', b: null, same: false },
      { field: 'code_challenge_methods_supported', a: ['S256'], b: ['S256', 'plain'].sort(), same: false },
    ]);
    expect(diff.fields.find((field) => field.field === 'scopes_supported')).toEqual({
      field: 'scopes_supported',
      a: ['email', 'openid', 'profile'],
      b: ['email', 'openid', 'profile'],
      same: true,
    });
  });

  it('says SSO is on in one and off in the other, every setting of the off side empty', () => {
    const diff = diffSso(connection(), null);
    expect(diff.fields[0]).toEqual({ field: 'enabled', a: true, b: false, same: false });
    expect(diff.fields.slice(1).every((field) => field.b === null)).toBe(true);
    expect(differing(null, null)).toEqual([]);
    expect(differing(connection(), connection({ id: 'd'.repeat(26), updated_at: '2026-02-01T00:00:00.000Z' }))).toEqual(
      [],
    );
  });

  it('never carries anything but whether a client secret is set', () => {
    expect(JSON.stringify(diffSso(connection(), connection()))).not.toMatch(/secret"?:\s*"/);
  });
});
