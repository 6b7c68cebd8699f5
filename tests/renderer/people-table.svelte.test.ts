import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Identity } from '../../src/shared/api/identities';
import {
  PeopleTableState,
  SEARCH_DEBOUNCE_MS,
  type PersonRow,
} from '../../src/renderer/src/lib/people/people-table.svelte';
import { expiryPhrase } from '../../src/renderer/src/lib/people/identity-status';

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
    expect(table.rowsOf(rows, expiries, NOW).map((row) => row.id)).toEqual(['i1']);
    table.status = 'pending';
    expect(table.rowsOf(rows, expiries, NOW).map((row) => row.id)).toEqual(['i2']);
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

    // Sorting the rows shown uses the export's order (tested with it), over the status shown.
    const rows = [
      identity({ id: 'b', email: 'zoe@x.com', type: 'invitation', status: 'pending' }),
      identity({ id: 'a', email: 'adam@x.com', type: 'invitation', status: 'pending' }),
      identity({ id: 'c', email: 'mia@x.com' }),
    ];
    table.toggleSort('status');
    const expiries = new Map([['b', '2026-11-01T00:00:00.000Z']]);
    expect(table.rowsOf(rows, expiries, NOW).map((row) => `${row.id}:${row.status}`)).toEqual([
      'c:active',
      'a:pending',
      'b:expired',
    ]);
  });

  it('selects all shown rows, and forgets rows a filter hides', () => {
    const table = new PeopleTableState();
    const rows: PersonRow[] = ['a', 'b', 'c'].map((id) => identity({ id }));
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
