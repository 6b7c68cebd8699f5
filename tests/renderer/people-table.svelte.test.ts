import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Identity } from '../../src/shared/api/identities';
import {
  PeopleTableState,
  SEARCH_DEBOUNCE_MS,
  sortRows,
  type PersonRow,
} from '../../src/renderer/src/lib/people/people-table.svelte';
import { effectiveStatus, expiryPhrase } from '../../src/renderer/src/lib/people/identity-status';

const NOW = Date.parse('2026-11-25T12:00:00.000Z');

const identity = (fields: Partial<Identity> & Pick<Identity, 'id'>): Identity => ({
  type: 'user',
  email: `${fields.id}@example.com`,
  role: 'org_member',
  status: 'active',
  source: 'https://accounts.google.com',
  created_at: '2026-01-05T13:00:00.000Z',
  updated_at: '2026-01-05T13:00:00.000Z',
  ...fields,
});

describe('the search box', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('searches once typing pauses, with the trimmed text, and clears at once', () => {
    const table = new PeopleTableState();
    table.type('zo');
    table.type('zoe ');
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS - 1);
    expect(table.email).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(table.email).toBe('zoe');
    expect(table.filters).toEqual({ email: 'zoe', role: undefined });

    table.type('zoe.c');
    table.type('');
    expect(table.email).toBeUndefined();
    vi.advanceTimersByTime(SEARCH_DEBOUNCE_MS * 2);
    // The search typed before clearing never lands after it.
    expect(table.email).toBeUndefined();
    table.dispose();
  });
});

describe('rows, status and order', () => {
  it('reads a pending invitation past its expiry as expired, and only a pending one', () => {
    const invitation = identity({ id: 'i1', type: 'invitation', status: 'pending', source: null });
    expect(effectiveStatus(invitation, '2026-11-25T11:59:59.000Z', NOW)).toBe('expired');
    expect(effectiveStatus(invitation, '2026-11-26T12:00:00.000Z', NOW)).toBe('pending');
    expect(effectiveStatus(invitation, undefined, NOW)).toBe('pending');
    expect(effectiveStatus({ ...invitation, status: 'revoked' }, '2026-01-01T00:00:00.000Z', NOW)).toBe('revoked');
    expect(effectiveStatus(identity({ id: 'u1' }), '2026-01-01T00:00:00.000Z', NOW)).toBe('active');
  });

  it('says when an invitation expires in whole units', () => {
    expect(expiryPhrase('2026-11-28T12:00:00.000Z', NOW)).toBe('expires in 3 days');
    expect(expiryPhrase('2026-11-25T13:10:00.000Z', NOW)).toBe('expires in 1 hour');
    expect(expiryPhrase('2026-11-25T12:00:30.000Z', NOW)).toBe('expires in 1 hour');
    expect(expiryPhrase('2026-11-24T12:00:00.000Z', NOW)).toBe('expired 1 day ago');
  });

  it('filters by the effective status', () => {
    const table = new PeopleTableState();
    const rows = [
      identity({ id: 'u1' }),
      identity({ id: 'i1', type: 'invitation', status: 'pending' }),
      identity({ id: 'i2', type: 'invitation', status: 'pending' }),
    ];
    const expiries = new Map([
      ['i1', '2026-11-20T00:00:00.000Z'],
      ['i2', '2026-12-20T00:00:00.000Z'],
    ]);
    table.status = 'expired';
    expect(table.rowsOf(rows, expiries, NOW).map((row) => row.identity.id)).toEqual(['i1']);
    table.status = 'pending';
    expect(table.rowsOf(rows, expiries, NOW).map((row) => row.identity.id)).toEqual(['i2']);
    expect(table.needsEveryRow).toBe(true);
    table.status = undefined;
    expect(table.needsEveryRow).toBe(false);
  });

  it('sorts ascending, descending, then back to the server order; ties keep one order', () => {
    const table = new PeopleTableState();
    table.toggleSort('email');
    expect(table.sort).toEqual({ column: 'email', direction: 'asc' });
    table.toggleSort('email');
    expect(table.sort).toEqual({ column: 'email', direction: 'desc' });
    table.toggleSort('email');
    expect(table.sort).toBeUndefined();

    const rows: PersonRow[] = [
      { identity: identity({ id: 'b', email: 'Zoe@x.com', role: 'org_viewer' }), status: 'active' },
      { identity: identity({ id: 'a', email: 'adam@x.com', role: 'org_admin' }), status: 'active' },
      { identity: identity({ id: 'c', email: 'zoe@x.com', role: 'org_viewer' }), status: 'disabled' },
    ];
    expect(sortRows(rows, { column: 'email', direction: 'asc' }).map((row) => row.identity.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    // Administrators first, as the roles rank, not the alphabet.
    expect(sortRows(rows, { column: 'role', direction: 'asc' }).map((row) => row.identity.id)).toEqual(['a', 'b', 'c']);
    // Descending reverses the roles; rows of one role stay in ID order either way.
    expect(sortRows(rows, { column: 'role', direction: 'desc' }).map((row) => row.identity.id)).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('selects all shown rows, and forgets rows a filter hides', () => {
    const table = new PeopleTableState();
    const rows: PersonRow[] = ['a', 'b', 'c'].map((id) => ({ identity: identity({ id }), status: 'active' }));
    table.toggleAll(rows);
    expect([...table.selected]).toEqual(['a', 'b', 'c']);
    table.keepSelected(rows.slice(1));
    expect([...table.selected]).toEqual(['b', 'c']);
    table.toggleAll(rows.slice(1));
    expect(table.selected.size).toBe(0);
    table.toggle('a');
    table.toggle('a');
    expect(table.selected.size).toBe(0);
  });
});
