import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/shared/api/roles';
import {
  MAX_INVITATIONS_PER_BATCH,
  parseInviteList,
  type InviteEntry,
  type InviteListParse,
} from '../../src/shared/people/invite-list';

const ROLES: Role[] = [
  { name: 'org_admin', label: 'Organization Administrator', description: 'Manages it all.', scope: 'organization' },
  { name: 'org_member', label: 'Organization Member', description: 'Sees it.', scope: 'organization' },
  { name: 'org_viewer', label: 'Organization Viewer', description: 'Sees less.', scope: 'organization' },
  { name: 'zone_manager', label: 'Zone Manager', description: 'Manages one zone.', scope: 'zone' },
];
const OPTIONS = { defaultRole: 'org_member' as const, roles: ROLES };

const parse = (text: string) => parseInviteList(text, OPTIONS);

function entriesOf(result: InviteListParse): InviteEntry[] {
  if (!result.ok) throw new Error(`Expected entries, got: ${result.message}`);
  return result.entries;
}

const summary = (entries: InviteEntry[]) =>
  entries.map(({ line, email, role, status, problem }) => ({ line, email, role, status, problem }));

describe('a plain list', () => {
  it('splits on newlines, commas, semicolons, tabs and spaces, keeping the line of each address', () => {
    const result = parse('ada@acme.example, grace@acme.example;\n\n  alan@acme.example\tkatherine@acme.example  \r\n');
    expect(result).toMatchObject({ ok: true, format: 'list', ready: 4, invalid: 0, duplicate: 0 });
    expect(entriesOf(result).map(({ line, email, role }) => [line, email, role])).toEqual([
      [1, 'ada@acme.example', 'org_member'],
      [1, 'grace@acme.example', 'org_member'],
      [3, 'alan@acme.example', 'org_member'],
      [3, 'katherine@acme.example', 'org_member'],
    ]);
  });

  it('gives every address the chosen default role', () => {
    const entries = entriesOf(parseInviteList('ada@acme.example', { ...OPTIONS, defaultRole: 'org_admin' }));
    expect(entries[0]).toMatchObject({ role: 'org_admin', roleText: 'org_admin', status: 'ready' });
  });

  it('names what is wrong with each invalid address, with the schema main applies', () => {
    const result = parse('not-an-email\nada@acme.example\u202Egpj\nada\u0000@acme.example\n' + 'a'.repeat(300));
    expect(result).toMatchObject({ ok: true, ready: 0, invalid: 4 });
    expect(entriesOf(result).map((entry) => [entry.line, entry.status, entry.problem])).toEqual([
      [1, 'invalid', 'Enter an email address such as name@example.com'],
      [2, 'invalid', expect.stringMatching(/text-direction/)],
      [3, 'invalid', expect.stringMatching(/control characters/)],
      [4, 'invalid', 'Email must be at most 254 characters'],
    ]);
  });

  it('keeps the first of two addresses that differ only in case and marks the later one', () => {
    const result = parse('Ada@Acme.example\ngrace@acme.example\nada@acme.EXAMPLE, ADA@acme.example');
    expect(result).toMatchObject({ ok: true, ready: 2, duplicate: 2 });
    expect(summary(entriesOf(result))).toEqual([
      { line: 1, email: 'Ada@Acme.example', role: 'org_member', status: 'ready', problem: undefined },
      { line: 2, email: 'grace@acme.example', role: 'org_member', status: 'ready', problem: undefined },
      { line: 3, email: 'ada@acme.EXAMPLE', role: 'org_member', status: 'duplicate', problem: 'Duplicate of line 1' },
      { line: 3, email: 'ADA@acme.example', role: 'org_member', status: 'duplicate', problem: 'Duplicate of line 1' },
    ]);
    expect(entriesOf(result)[2]?.duplicateOf).toBe(1);
  });

  it.each([[''], ['   \n\t\n'], [',;, ;']])('refuses %j as empty', (text) => {
    expect(parse(text)).toEqual({ ok: false, format: 'list', count: 0, message: 'Paste at least one email address.' });
  });

  it('reads a first word "email" followed by addresses as a list, not as a header', () => {
    const result = parse('email, ada@acme.example');
    expect(result).toMatchObject({ ok: true, format: 'list', ready: 1, invalid: 1 });
  });
});

describe('a CSV with a header row', () => {
  it('takes the email and role columns in any order, by name or label, ignoring other columns', () => {
    const text = [
      'Name,ROLE,Team,Email',
      'Ada,org_admin,R&D,ada@acme.example',
      '"Hopper, Grace","organization viewer",Navy,grace@acme.example',
      'Alan,,Bletchley,alan@acme.example',
      'Kath,Organization Member,NASA,  katherine@acme.example  ',
    ].join('\n');
    const result = parse(text);
    expect(result).toMatchObject({ ok: true, format: 'csv', ready: 4 });
    expect(entriesOf(result).map(({ line, email, role, roleText }) => [line, email, role, roleText])).toEqual([
      [2, 'ada@acme.example', 'org_admin', 'org_admin'],
      [3, 'grace@acme.example', 'org_viewer', 'organization viewer'],
      [4, 'alan@acme.example', 'org_member', 'org_member'],
      [5, 'katherine@acme.example', 'org_member', 'Organization Member'],
    ]);
  });

  it('reads semicolon- and tab-separated exports, a byte-order mark and quoted cells with quotes and line breaks', () => {
    expect(entriesOf(parse('\uFEFFemail;role\nada@acme.example;org_viewer'))[0]).toMatchObject({
      email: 'ada@acme.example',
      role: 'org_viewer',
    });
    expect(entriesOf(parse('role\temail\norg_admin\tada@acme.example'))[0]).toMatchObject({
      role: 'org_admin',
      status: 'ready',
    });
    const entries = entriesOf(parse('note,email\n"says ""hi""\nover two lines",ada@acme.example\n,grace@acme.example'));
    expect(entries.map(({ line, email }) => [line, email])).toEqual([
      [2, 'ada@acme.example'],
      [4, 'grace@acme.example'],
    ]);
  });

  it('uses the default role when there is no role column', () => {
    const entries = entriesOf(parseInviteList('email\nada@acme.example', { ...OPTIONS, defaultRole: 'org_viewer' }));
    expect(entries[0]).toMatchObject({ role: 'org_viewer', status: 'ready' });
  });

  it('refuses an unknown role and a zone role by name, on their row', () => {
    const entries = entriesOf(parse('email,role\nada@acme.example,boss\ngrace@acme.example,Zone Manager'));
    expect(entries.map(({ status, problem }) => [status, problem])).toEqual([
      ['invalid', 'Unknown role "boss": use one of org_admin, org_member, org_viewer, or their labels'],
      [
        'invalid',
        '"Zone Manager" is a zone role; an invitation takes an organization role (org_admin, org_member, org_viewer)',
      ],
    ]);
  });

  it('offers only the roles the server listed', () => {
    const entries = entriesOf(
      parseInviteList('email,role\nada@acme.example,org_admin', { ...OPTIONS, roles: ROLES.slice(1) }),
    );
    expect(entries[0]).toMatchObject({
      status: 'invalid',
      problem: expect.stringMatching(/^Unknown role "org_admin"/),
    });
  });

  it('flags a row without an address, and a quote never closed', () => {
    const entries = entriesOf(parse('email,role\n,org_admin\n"ada@acme.example,org_admin\ngrace@acme.example'));
    expect(entries.map(({ line, status, problem }) => [line, status, problem])).toEqual([
      [2, 'invalid', 'Email is required'],
      [3, 'invalid', expect.stringMatching(/quote .* never closed/)],
    ]);
  });

  it('marks a repeated address even when its role differs', () => {
    const entries = entriesOf(parse('email,role\nada@acme.example,org_admin\nADA@acme.example,org_viewer'));
    expect(entries[1]).toMatchObject({ status: 'duplicate', problem: 'Duplicate of line 2', duplicateOf: 2 });
  });

  it('says so when the header has nothing under it', () => {
    expect(parse('\n\nemail,role\n\n')).toMatchObject({
      ok: false,
      format: 'csv',
      count: 0,
      message: 'The list has a header row but no addresses under it.',
    });
  });
});

describe('the batch limit', () => {
  it(`accepts ${MAX_INVITATIONS_PER_BATCH} addresses`, () => {
    const text = Array.from({ length: MAX_INVITATIONS_PER_BATCH }, (_, i) => `person${i}@acme.example`).join('\n');
    expect(parse(text)).toMatchObject({ ok: true, ready: MAX_INVITATIONS_PER_BATCH });
  });

  it('refuses a 10,000-line paste naming the limit and the count, quickly', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `person${i}@acme.example`).join('\n');
    const started = performance.now();
    const result = parse(text);
    // A generous bound: the parse takes a few milliseconds; the bench in tests/bench measures it.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result).toEqual({
      ok: false,
      format: 'list',
      count: 10_000,
      message: 'This list has 10,000 addresses; send at most 1,000 at a time (split the list).',
    });
  });

  it('counts CSV rows the same way', () => {
    const text = ['email,role', ...Array.from({ length: 1_001 }, (_, i) => `p${i}@acme.example,org_member`)].join('\n');
    expect(parse(text)).toMatchObject({ ok: false, format: 'csv', count: 1_001 });
  });
});

describe('properties', () => {
  const token = fc.oneof(
    fc.emailAddress(),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('email', 'role', '"', '""', 'org_admin', '\u202E', '\u0000', '\uD800', '@', 'Ada@ACME.example'),
  );
  const separator = fc.constantFrom(' ', ',', ';', '\n', '\r\n', '\t', ', ', '\n\n', '\r');
  const paste = fc
    .array(fc.tuple(token, separator), { maxLength: 40 })
    .map((parts) => parts.map(([t, s]) => t + s).join(''));

  it('never throws, and a plain list holds every non-empty token in exactly one entry, on its line', () => {
    fc.assert(
      fc.property(paste, fc.constantFrom('org_admin', 'org_member', 'org_viewer'), (text, defaultRole) => {
        const result = parseInviteList(text, { defaultRole, roles: ROLES });
        if (result.format === 'csv') return;
        const lines = text.replace(/\r\n?/g, '\n').split('\n');
        const expected = lines.flatMap((line, index) =>
          line
            .split(/[\s,;]+/)
            .filter((t) => t !== '')
            .map((t) => `${index + 1}:${t}`),
        );
        if (!result.ok) {
          expect(result.count).toBe(expected.length);
          return;
        }
        expect(result.entries.map((entry) => `${entry.line}:${entry.raw}`)).toEqual(expected);
        expect(result.ready + result.invalid + result.duplicate).toBe(result.entries.length);
        // Nothing ready twice: the address the batch sends is unique without case.
        const ready = result.entries.filter((e) => e.status === 'ready').map((e) => e.email.toLowerCase());
        expect(new Set(ready).size).toBe(ready.length);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on a CSV, and every non-blank record becomes exactly one entry', () => {
    const cell = fc.oneof(fc.emailAddress(), fc.string({ maxLength: 8 }), fc.constantFrom('org_admin', 'Zone Manager'));
    const quote = (value: string) => (/[",;\t\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 30 }), (rows) => {
        const records = rows.map((cells) => ({ text: cells.map(quote).join(','), email: cells[1] }));
        const kept = records.filter((record) => record.text.trim() !== '');
        const result = parse(['name,email,role', ...records.map((record) => record.text)].join('\n'));
        expect(result.format).toBe('csv');
        if (!result.ok) {
          expect(result.count).toBe(kept.length);
          return;
        }
        // Each record's email cell, unquoted, is the entry's address (line breaks read as \n).
        expect(result.entries.map((entry) => entry.email)).toEqual(
          kept.map((record) => record.email.replace(/\r\n?/g, '\n').trim()),
        );
      }),
      { numRuns: 300 },
    );
  });
});
