import type {
  AccountState,
  CompareResult,
  MembersDiff,
  PersonState,
  ServiceAccountsDiff,
  SsoDiff,
  SsoValue,
  Unreadable,
} from '../../shared/ipc/compare';
import type { ExportFormat } from '../../shared/ipc/people';
import { csvOf, exportFileName } from '../people/export-format';

/**
 * One line per difference, every section in one sheet so it can be filtered by `section` and
 * `difference`: `only_in_a`, `only_in_b`, `differs` (with the `fields` that differ), `same`
 * (SSO fields, and one count line per list), `not_readable` (why, under the side's column).
 */
export const COMPARE_CSV_COLUMNS = ['section', 'item', 'difference', 'fields', 'a', 'b'] as const;
type CsvRow = Partial<Record<(typeof COMPARE_CSV_COLUMNS)[number], string>>;

type Section = 'members' | 'service_accounts' | 'sso';

const person = (state: PersonState | null): string =>
  state === null ? '' : `${state.type === 'user' ? 'member' : 'invitation'}, ${state.role}, ${state.status}`;

const account = (state: AccountState | null): string => (state === null ? '' : (state.description ?? ''));

const ssoValue = (value: SsoValue): string =>
  value === null ? '' : Array.isArray(value) ? value.join(' ') : String(value);

function presence(a: unknown, b: unknown): string {
  if (a === null) return 'only_in_b';
  return b === null ? 'only_in_a' : 'differs';
}

function unreadableRows(section: Section, unreadable: readonly Unreadable[]): CsvRow[] {
  return unreadable.map(({ side, profileName, reason }) => ({
    section,
    difference: 'not_readable',
    [side]: `Not readable under profile ${profileName}: ${reason}`,
  }));
}

function memberRows(diff: MembersDiff): CsvRow[] {
  return [
    ...diff.differences.map((row) => ({
      section: 'members',
      item: row.email,
      difference: presence(row.a, row.b),
      fields: row.fields.join(' '),
      a: person(row.a),
      b: person(row.b),
    })),
    { section: 'members', difference: 'same', a: String(diff.same.count), b: String(diff.same.count) },
  ];
}

function accountRows(diff: ServiceAccountsDiff): CsvRow[] {
  return [
    ...diff.differences.map((row) => ({
      section: 'service_accounts',
      item: row.name,
      difference: presence(row.a, row.b),
      fields: row.fields.join(' '),
      a: account(row.a),
      b: account(row.b),
    })),
    { section: 'service_accounts', difference: 'same', a: String(diff.same.count), b: String(diff.same.count) },
  ];
}

function ssoRows(diff: SsoDiff): CsvRow[] {
  return diff.fields.map((row) => ({
    section: 'sso',
    item: row.field,
    difference: row.same ? 'same' : 'differs',
    a: ssoValue(row.a),
    b: ssoValue(row.b),
  }));
}

export function compareCsv(result: CompareResult): string {
  const rows: CsvRow[] = [
    ...(result.members.diff ? memberRows(result.members.diff) : []),
    ...unreadableRows('members', result.members.unreadable),
    ...(result.serviceAccounts.diff ? accountRows(result.serviceAccounts.diff) : []),
    ...unreadableRows('service_accounts', result.serviceAccounts.unreadable),
    ...(result.sso.diff ? ssoRows(result.sso.diff) : []),
    ...unreadableRows('sso', result.sso.unreadable),
  ];
  return csvOf(COMPARE_CSV_COLUMNS, rows);
}

/** The whole comparison as answered to the window, sides and all. */
export function compareJson(result: CompareResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export function serialiseComparison(result: CompareResult, format: ExportFormat): string {
  return format === 'csv' ? compareCsv(result) : compareJson(result);
}

/** Every difference the file lists, for the answer's count. */
export function differenceCount(result: CompareResult): number {
  return (
    (result.members.diff?.differences.length ?? 0) +
    (result.serviceAccounts.diff?.differences.length ?? 0) +
    (result.sso.diff?.fields.filter((field) => !field.same).length ?? 0)
  );
}

/** `acme-vs-globex-compare-2026-11-25.csv`, from the references as the caller gave them (labels, ideally). */
export function compareFileName(aRef: string, bRef: string, format: ExportFormat, date: Date): string {
  return exportFileName(`${aRef}-vs-${bRef}`, format, date, 'compare');
}
