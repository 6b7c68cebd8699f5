import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../../src/shared/api/identities';
import {
  CSV_COLUMNS,
  exportFileName,
  exportRow,
  toCsv,
  toJson,
  type ExportRow,
} from '../../../src/main/people/export-format';

const FUZZ = { seed: 7, numRuns: 1000 };

/** What a spreadsheet would run as a formula (OWASP's list, and the full-width forms some apps fold). */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

const identity: Identity = {
  id: 'inv_01',
  type: 'invitation',
  email: 'grace@navy.example',
  role: 'org_member',
  status: 'pending',
  created_at: '2026-11-20T09:00:00.000Z',
  updated_at: '2026-11-20T09:00:00.000Z',
  permissions: { invitations: { delete: true } },
};

/**
 * Strictly: any CR or LF outside quotes ends a record, as many spreadsheet programs read it, so
 * a line break left unquoted inside a cell splits the row and the test sees it.
 */
function readCsv(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: ['\r\n', '\r', '\n'] }) as string[][];
}

/** A cell as the CSV must hold it: with a leading `'` where a spreadsheet would see a formula. */
function neutralised(cell: string): string {
  return FORMULA_STARTS.some((start) => cell.startsWith(start)) ? `'${cell}` : cell;
}

const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(',', '"', '\r', '\n', '\t', ' ', "'", 'a', 'é', '𝒜'), maxLength: 8 }),
  fc.tuple(fc.constantFrom(...FORMULA_STARTS), fc.string({ maxLength: 8 })).map(([start, rest]) => start + rest),
  fc.constantFrom('=HYPERLINK("http://evil.example","x")', '@SUM(A1:A2)', '-2+3', '+1', ''),
);

/** Every column filled with arbitrary text: the writer must not care what the values are. */
const row = fc
  .tuple(...CSV_COLUMNS.map(() => cell))
  .map((cells) => Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, cells[i]])) as unknown as ExportRow);

describe('toCsv', () => {
  it('reads back as the same cells, with a leading quote only where a formula would start', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const [header, ...body] = readCsv(toCsv(rows));
        expect(header).toEqual([...CSV_COLUMNS]);
        expect(body).toEqual(rows.map((r) => CSV_COLUMNS.map((column) => neutralised(r[column] ?? ''))));
      }),
      FUZZ,
    );
  });

  it('never lets a cell start with a formula character', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), (rows) => {
        for (const cells of readCsv(toCsv(rows))) {
          for (const value of cells) expect(FORMULA_STARTS).not.toContain(value.charAt(0));
        }
      }),
      FUZZ,
    );
  });

  it('is UTF-8 text with a byte order mark, a header row and CRLF between records', () => {
    const text = toCsv([exportRow(identity, 'expired', '2026-11-27T09:00:00.000Z')]);
    expect(text).toBe(
      '\uFEFFemail,type,role,status,source,created_at,updated_at,id,expires_at\r\n' +
        'grace@navy.example,invitation,org_member,expired,,2026-11-20T09:00:00.000Z,2026-11-20T09:00:00.000Z,inv_01,2026-11-27T09:00:00.000Z\r\n',
    );
    expect(toCsv([])).toBe('\uFEFFemail,type,role,status,source,created_at,updated_at,id,expires_at\r\n');
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const tricky = { ...exportRow(identity, 'pending', undefined), email: 'a,"b"\r\nc@x.example' };
    expect(toCsv([tricky]).split('\r\n')[1]).toBe('"a,""b""');
  });
});

describe('toJson', () => {
  it('is an array of the rows, with no permissions map and only the listed fields', () => {
    const member: Identity = {
      ...identity,
      id: 'usr_01',
      type: 'user',
      status: 'active',
      source: 'https://id.keycard.ai',
    };
    const extra = { ...member, invited_by: 'someone' } as Identity;
    const rows = [exportRow(identity, 'pending', '2026-11-27T09:00:00.000Z'), exportRow(extra, 'active', undefined)];
    const parsed = JSON.parse(toJson(rows)) as Array<Record<string, unknown>>;
    expect(parsed).toEqual([
      {
        id: 'inv_01',
        type: 'invitation',
        email: 'grace@navy.example',
        role: 'org_member',
        status: 'pending',
        source: null,
        created_at: '2026-11-20T09:00:00.000Z',
        updated_at: '2026-11-20T09:00:00.000Z',
        expires_at: '2026-11-27T09:00:00.000Z',
      },
      {
        id: 'usr_01',
        type: 'user',
        email: 'grace@navy.example',
        role: 'org_member',
        status: 'active',
        source: 'https://id.keycard.ai',
        created_at: '2026-11-20T09:00:00.000Z',
        updated_at: '2026-11-20T09:00:00.000Z',
      },
    ]);
    expect(toJson(rows)).not.toMatch(/permissions|invited_by/);
  });
});

describe('exportFileName', () => {
  it('names the organization and the local date, zero-padded, with the format as extension', () => {
    expect(exportFileName('acme', 'csv', new Date(2026, 10, 25, 23, 59))).toBe('acme-people-2026-11-25.csv');
    expect(exportFileName('globex', 'json', new Date(2027, 0, 3, 0, 0))).toBe('globex-people-2027-01-03.json');
  });
});
