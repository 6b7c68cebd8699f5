import type { Role } from '../api/roles';
import { InvitationEmail } from '../api/invitations';
import { OrganizationRole } from '../api/users';

/** The most invitations one batch sends: past this the list is refused whole, so nothing is sent by halves. */
export const MAX_INVITATIONS_PER_BATCH = 1000;

/** How a pasted list was read: addresses separated by spaces and punctuation, or a CSV with a header row. */
export type InviteListFormat = 'list' | 'csv';

export type InviteEntryStatus = 'ready' | 'invalid' | 'duplicate';

/** One address of a pasted list, as the review step shows it and the batch sends it. */
export interface InviteEntry {
  /** 1-based line of the paste where the address (or the CSV record) starts. */
  line: number;
  /** The token or the CSV record as pasted. */
  raw: string;
  /** Trimmed; what is sent when the entry is ready. */
  email: string;
  /** Absent when the row names a role that cannot be given to an invitation. */
  role: OrganizationRole | undefined;
  /** The role as the row gives it (the default role's name when the row gives none). */
  roleText: string;
  status: InviteEntryStatus;
  /** Why the entry is not sent; absent when ready. */
  problem?: string;
  /** For a duplicate: the line of the first entry with the same address, which is the one kept. */
  duplicateOf?: number;
}

export type InviteListParse =
  | { ok: true; format: InviteListFormat; entries: InviteEntry[]; ready: number; invalid: number; duplicate: number }
  /** Nothing to send (empty) or too much (past the cap): one message for the whole list, no entries. */
  | { ok: false; format: InviteListFormat; count: number; message: string };

export interface InviteListOptions {
  /** Given to every address whose row names no role. */
  defaultRole: OrganizationRole;
  /** What `people:roles` answered: a CSV role cell may give a role's name or its label. */
  roles: readonly Role[];
}

/** Any run of whitespace, commas and semicolons separates two addresses of a plain list. */
const SEPARATORS = /[\s,;]+/;
const CSV_DELIMITERS = [',', ';', '\t'] as const;
type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

interface Piece {
  line: number;
  raw: string;
  email: string;
  /** The CSV role cell, trimmed; undefined for a plain list or an empty cell. */
  roleCell: string | undefined;
  /** A CSV record whose quote was still open at the end of the paste. */
  unclosedQuote?: boolean;
}

/**
 * Reads a pasted list of people to invite. A first non-blank line with an `email` cell makes
 * the paste a CSV (comma, semicolon or tab separated; quoted cells; columns in any order; other
 * columns ignored); anything else is a plain list. Every entry is checked with the schema main
 * applies to an invitation, and later repeats of an address are kept out. Never throws.
 */
export function parseInviteList(text: string, options: InviteListOptions): InviteListParse {
  const normalised = text.replace(/\r\n?/g, '\n');
  const csv = csvHeader(normalised);
  const pieces = csv ? csvPieces(normalised, csv) : listPieces(normalised);
  const format: InviteListFormat = csv ? 'csv' : 'list';

  if (pieces.length === 0) {
    const message = csv ? 'The list has a header row but no addresses under it.' : 'Paste at least one email address.';
    return { ok: false, format, count: 0, message };
  }
  if (pieces.length > MAX_INVITATIONS_PER_BATCH) {
    return {
      ok: false,
      format,
      count: pieces.length,
      message:
        `This list has ${formatCount(pieces.length)} addresses; send at most ` +
        `${formatCount(MAX_INVITATIONS_PER_BATCH)} at a time (split the list).`,
    };
  }

  const roles = roleResolver(options.roles);
  const firstLine = new Map<string, number>();
  const entries = pieces.map((piece): InviteEntry => {
    const roleText = piece.roleCell ?? options.defaultRole;
    const role = piece.roleCell === undefined ? options.defaultRole : roles.resolve(piece.roleCell);
    const base = { line: piece.line, raw: piece.raw, roleText };
    if (piece.unclosedQuote) {
      return {
        ...base,
        email: piece.email.trim(),
        role,
        status: 'invalid',
        problem: 'A quote opened on this line is never closed, so the rest of the paste was read as one cell.',
      };
    }
    const email = InvitationEmail.safeParse(piece.email);
    if (!email.success) {
      const problem = email.error.issues[0]?.message ?? 'Enter an email address such as name@example.com';
      return { ...base, email: piece.email.trim(), role, status: 'invalid', problem };
    }
    // Addresses compare without case, as a mail server treats them; the first occurrence is kept.
    const key = email.data.toLowerCase();
    const first = firstLine.get(key);
    if (first !== undefined) {
      return {
        ...base,
        email: email.data,
        role,
        status: 'duplicate',
        problem: `Duplicate of line ${first}`,
        duplicateOf: first,
      };
    }
    firstLine.set(key, piece.line);
    if (role === undefined) {
      return { ...base, email: email.data, role, status: 'invalid', problem: roles.problem(piece.roleCell ?? '') };
    }
    return { ...base, email: email.data, role, status: 'ready' };
  });

  const count = (status: InviteEntryStatus) => entries.filter((entry) => entry.status === status).length;
  return { ok: true, format, entries, ready: count('ready'), invalid: count('invalid'), duplicate: count('duplicate') };
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

function listPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  text.split('\n').forEach((line, index) => {
    for (const token of line.split(SEPARATORS)) {
      if (token !== '') pieces.push({ line: index + 1, raw: token, email: token, roleCell: undefined });
    }
  });
  return pieces;
}

interface CsvHeader {
  delimiter: CsvDelimiter;
  /** Offset of the first character after the header record. */
  bodyStart: number;
  /** Line number of the first body line. */
  bodyLine: number;
  email: number;
  role: number | undefined;
}

/** The header of a CSV paste: the first non-blank record, when one of its cells is `email` and none is an address. */
function csvHeader(text: string): CsvHeader | undefined {
  let start = 0;
  let line = 1;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (text.slice(start, stop).trim() !== '') break;
    start = stop + 1;
    line += 1;
  }
  if (start >= text.length) return undefined;
  for (const delimiter of CSV_DELIMITERS) {
    const [record] = readRecords(text, delimiter, start, line, 1);
    if (!record) return undefined;
    const names = record.cells.map((cell) => cell.trim().toLowerCase());
    // "email, ada@acme.example" is a plain list that happens to start with the word.
    if (names.some((name) => name.includes('@'))) return undefined;
    const email = names.indexOf('email');
    if (email === -1) continue;
    const role = names.indexOf('role');
    return { delimiter, bodyStart: record.end, bodyLine: record.nextLine, email, role: role === -1 ? undefined : role };
  }
  return undefined;
}

function csvPieces(text: string, header: CsvHeader): Piece[] {
  const records = readRecords(text, header.delimiter, header.bodyStart, header.bodyLine, Infinity);
  return records
    .filter((record) => record.raw.trim() !== '')
    .map((record) => {
      const roleCell = header.role === undefined ? undefined : record.cells[header.role]?.trim();
      return {
        line: record.line,
        raw: record.raw,
        email: record.cells[header.email] ?? '',
        roleCell: roleCell === '' ? undefined : roleCell,
        unclosedQuote: record.unclosedQuote || undefined,
      };
    });
}

interface CsvRecord {
  line: number;
  raw: string;
  cells: string[];
  /** Offset just past the record's line break. */
  end: number;
  nextLine: number;
  unclosedQuote: boolean;
}

/**
 * RFC 4180 records from `start`, each with the line it starts on: a quoted cell may hold the
 * delimiter, a line break and `""` for a quote. A quote inside an unquoted cell is kept as text.
 * Written out rather than taken from a CSV library because the review step names rows by line.
 */
function readRecords(text: string, delimiter: CsvDelimiter, start: number, line: number, limit: number): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = start;
  let currentLine = line;
  while (i < text.length && records.length < limit) {
    const recordStart = i;
    const recordLine = currentLine;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let cellStart = true;
    let unclosedQuote = false;
    for (;;) {
      if (i >= text.length) {
        unclosedQuote = quoted;
        break;
      }
      const char = text[i]!;
      if (quoted) {
        if (char === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (char === '"') {
          quoted = false;
          i += 1;
        } else {
          if (char === '\n') currentLine += 1;
          cell += char;
          i += 1;
        }
        continue;
      }
      if (char === '\n') break;
      if (char === delimiter) {
        cells.push(cell);
        cell = '';
        cellStart = true;
        i += 1;
        continue;
      }
      // Spaces before an opening quote are allowed (`a@x.example, "org_member"`).
      if (char === '"' && cellStart && cell.trim() === '') {
        cell = '';
        quoted = true;
        cellStart = false;
        i += 1;
        continue;
      }
      if (char.trim() !== '') cellStart = false;
      cell += char;
      i += 1;
    }
    cells.push(cell);
    const recordEnd = i;
    if (i < text.length) {
      i += 1;
      currentLine += 1;
    }
    records.push({
      line: recordLine,
      raw: text.slice(recordStart, recordEnd),
      cells,
      end: i,
      nextLine: currentLine,
      unclosedQuote,
    });
  }
  return records;
}

/** Finds a role by name or label without case; only organization roles can go on an invitation. */
function roleResolver(roles: readonly Role[]) {
  const byText = new Map<string, Role>();
  for (const role of roles) {
    byText.set(role.name.toLowerCase(), role);
    if (role.label.trim() !== '') byText.set(role.label.trim().toLowerCase(), role);
  }
  const assignable = roles.filter((role) => isAssignable(role));
  const choices = assignable.map((role) => role.name).join(', ');
  return {
    resolve(text: string): OrganizationRole | undefined {
      const role = byText.get(text.trim().toLowerCase());
      return role && isAssignable(role) ? OrganizationRole.parse(role.name) : undefined;
    },
    problem(text: string): string {
      const role = byText.get(text.trim().toLowerCase());
      const shown = shorten(text);
      if (role?.scope === 'zone')
        return `"${shown}" is a zone role; an invitation takes an organization role (${choices})`;
      return choices === ''
        ? `Unknown role "${shown}"`
        : `Unknown role "${shown}": use one of ${choices}, or their labels`;
    },
  };
}

/** Organization roles the API accepts on an invitation; a vendor's new role is offered once the schema knows it. */
export function isAssignable(role: Role): boolean {
  return role.scope === 'organization' && OrganizationRole.safeParse(role.name).success;
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
}
