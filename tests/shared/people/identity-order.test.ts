import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdentityStatus, IdentityType, type Identity } from '../../../src/shared/api/identities';
import { OrganizationRole } from '../../../src/shared/api/users';
import {
  IdentitySort,
  IdentitySortColumn,
  matchesStatus,
  sortIdentities,
  type SortableIdentity,
} from '../../../src/shared/people/identity-order';

/** A fixed seed, so a run draws the same values every time. */
const FUZZ = { seed: 6, numRuns: 500 };

function person(id: string, fields: Partial<Identity> = {}): SortableIdentity {
  return {
    id,
    type: 'user',
    email: `${id}@example.com`,
    role: 'org_member',
    status: 'active',
    source: 'https://id.keycard.ai',
    created_at: '2026-01-05T09:00:00.000Z',
    ...fields,
  };
}

const ids = (items: readonly SortableIdentity[]) => items.map((item) => item.id);

describe('sortIdentities', () => {
  const rows = [
    person('b', { email: 'Bob@example.com', created_at: '2026-01-02T00:00:00Z' }),
    person('c', { email: 'carol@example.com', type: 'invitation', status: 'pending', source: null }),
    person('a', { email: 'alice@example.com', role: 'org_admin', created_at: '2026-01-01T00:00:00Z' }),
    person('d', { email: '', role: 'org_viewer', status: 'disabled', source: 'https://accounts.google.com' }),
  ];

  it('keeps the order rows came in without a sort, in a new array', () => {
    const sorted = sortIdentities(rows);
    expect(ids(sorted)).toEqual(['b', 'c', 'a', 'd']);
    expect(sorted).not.toBe(rows);
  });

  it('sorts emails without regard to case, a missing one last in both directions', () => {
    expect(ids(sortIdentities(rows, { column: 'email', direction: 'asc' }))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(sortIdentities(rows, { column: 'email', direction: 'desc' }))).toEqual(['c', 'b', 'a', 'd']);
  });

  it('ranks enums as the API declares them: members first, admins first, active first', () => {
    expect(ids(sortIdentities(rows, { column: 'type', direction: 'asc' }))).toEqual(['a', 'b', 'd', 'c']);
    expect(ids(sortIdentities(rows, { column: 'role', direction: 'asc' }))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(sortIdentities(rows, { column: 'role', direction: 'desc' }))).toEqual(['d', 'b', 'c', 'a']);
    expect(ids(sortIdentities(rows, { column: 'status', direction: 'asc' }))).toEqual(['a', 'b', 'd', 'c']);
  });

  it('puts rows without a source last, and sorts times as instants whatever their offset', () => {
    expect(ids(sortIdentities(rows, { column: 'source', direction: 'desc' }))).toEqual(['a', 'b', 'd', 'c']);
    const offsets = [
      person('late', { created_at: '2026-01-01T10:00:00+02:00' }), // 08:00Z
      person('early', { created_at: '2026-01-01T07:30:00Z' }),
    ];
    expect(ids(sortIdentities(offsets, { column: 'created_at', direction: 'asc' }))).toEqual(['early', 'late']);
  });

  it('breaks ties by creation time then ID, ascending in both directions', () => {
    const same = [
      person('z', { created_at: '2026-03-01T00:00:00Z' }),
      person('y', { created_at: '2026-02-01T00:00:00Z' }),
      person('x', { created_at: '2026-02-01T00:00:00Z' }),
    ];
    for (const direction of ['asc', 'desc'] as const) {
      expect(ids(sortIdentities(same, { column: 'role', direction }))).toEqual(['x', 'y', 'z']);
    }
  });

  const timestamp = fc
    .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
    .map((ms) => new Date(ms).toISOString());
  const arbitraryRow = fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    type: fc.constantFrom(...IdentityType.options),
    email: fc.oneof(fc.constant(''), fc.string({ maxLength: 8 })),
    role: fc.constantFrom(...OrganizationRole.options),
    status: fc.constantFrom(...IdentityStatus.options),
    source: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
    created_at: timestamp,
  });
  const uniqueRows = fc.uniqueArray(arbitraryRow, { selector: (row) => row.id, maxLength: 30 });
  const sorts = fc.record({
    column: fc.constantFrom(...IdentitySortColumn.options),
    direction: fc.constantFrom('asc' as const, 'desc' as const),
  });

  it('answers a permutation of its input whose order does not depend on the input order', () => {
    fc.assert(
      // Unique IDs, as the API gives them: the last tie-break then decides every pair.
      fc.property(uniqueRows, sorts, fc.integer(), (items, sort, seed) => {
        const sorted = sortIdentities(items, sort);
        expect([...sorted].sort(byAll)).toEqual([...items].sort(byAll));
        const shuffled = shuffle(items, seed);
        expect(sortIdentities(shuffled, sort).map(fingerprint)).toEqual(sorted.map(fingerprint));
      }),
      FUZZ,
    );
  });

  it('is the reverse for desc of what it is for asc, where every row has a distinct value', () => {
    const emails = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), {
      selector: (e) => e.toLowerCase(),
      maxLength: 20,
    });
    fc.assert(
      fc.property(emails, (list) => {
        const items = list.map((email, i) => person(`p${i}`, { email }));
        const asc = ids(sortIdentities(items, { column: 'email', direction: 'asc' }));
        const desc = ids(sortIdentities(items, { column: 'email', direction: 'desc' }));
        expect(desc).toEqual([...asc].reverse());
      }),
      FUZZ,
    );
  });

  it('validates the sort the contract carries by name', () => {
    expect(IdentitySort.safeParse({ column: 'email', direction: 'desc' }).success).toBe(true);
    const bad = IdentitySort.safeParse({ column: 'permissions', direction: 'up' });
    expect(bad.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['column', 'direction']);
  });
});

describe('matchesStatus', () => {
  it('passes every row without a filter, and only rows of that status with one', () => {
    const pending = person('p', { status: 'pending' });
    expect(matchesStatus(pending, undefined)).toBe(true);
    expect(matchesStatus(pending, 'pending')).toBe(true);
    expect(matchesStatus(pending, 'expired')).toBe(false);
  });
});

function fingerprint(item: SortableIdentity): string {
  return JSON.stringify([item.id, item.type, item.email, item.role, item.status, item.source, item.created_at]);
}

function byAll(a: SortableIdentity, b: SortableIdentity): number {
  const x = fingerprint(a);
  const y = fingerprint(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed | 0;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) | 0;
    const j = Math.abs(state) % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
