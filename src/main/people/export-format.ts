import { stringify } from 'csv-stringify/sync';
import type { Identity } from '../../shared/api/identities';
import type { ExportFormat } from '../../shared/ipc/people';

/** One exported person: the identity as listed, without its permissions map, and when an invitation expires. */
export interface ExportRow {
  id: string;
  type: Identity['type'];
  email: string;
  role: Identity['role'];
  status: Identity['status'];
  source: string | null;
  created_at: string;
  updated_at: string;
  /** Invitations only. */
  expires_at?: string;
}

/** The CSV's columns, in order: what an admin reads first comes first, the ID for lookups last. */
export const CSV_COLUMNS = [
  'email',
  'type',
  'role',
  'status',
  'source',
  'created_at',
  'updated_at',
  'id',
  'expires_at',
] as const satisfies ReadonlyArray<keyof ExportRow>;

/**
 * RFC 4180 CSV (quoted where needed, CRLF between records) with a header row, in UTF-8 with a
 * byte order mark so that spreadsheet programs do not read the addresses as another encoding.
 * A cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return, or their full-width forms) gets a leading `'`: emails and sources come from
 * whoever signed up or was invited, and the file is meant to be opened in a spreadsheet.
 */
export function toCsv(rows: readonly ExportRow[]): string {
  return csvOf(CSV_COLUMNS, rows);
}

/** The CSV above for any rows: one column per key given, in that order, absent values empty. */
export function csvOf<Row>(columns: ReadonlyArray<keyof Row & string>, rows: readonly Row[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => row[column] ?? '')),
    {
      header: true,
      columns: [...columns],
      bom: true,
      record_delimiter: 'windows',
      // With a record delimiter given, the library stops quoting a lone CR or LF inside a cell.
      quote_record_delimiter: true,
      escape_formulas: true,
    },
  );
}

/** A JSON array of the rows, one key per field, as the API names them. */
export function toJson(rows: readonly ExportRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

export function serialise(rows: readonly ExportRow[], format: ExportFormat): string {
  return format === 'csv' ? toCsv(rows) : toJson(rows);
}

/**
 * The row for `identity`: only the fields listed above, in that order (the permissions map and
 * anything else the server adds stay out), with `status` as the table shows it.
 */
export function exportRow(identity: Identity, status: Identity['status'], expiresAt: string | undefined): ExportRow {
  const row: ExportRow = {
    id: identity.id,
    type: identity.type,
    email: identity.email,
    role: identity.role,
    status,
    source: identity.source ?? null,
    created_at: identity.created_at,
    updated_at: identity.updated_at,
  };
  if (expiresAt !== undefined) row.expires_at = expiresAt;
  return row;
}

/** `acme-people-2026-11-25.csv`: the organization as the caller named it, what the file holds and the local date. */
export function exportFileName(orgRef: string, format: ExportFormat, date: Date, what = 'people'): string {
  return `${orgRef}-${what}-${localDay(date)}.${format}`;
}

/** `2026-11-25`, in local time: the day the user sees on their calendar. */
export function localDay(date: Date): string {
  return [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((part, i) => String(part).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');
}
