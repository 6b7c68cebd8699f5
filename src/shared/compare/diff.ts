import type { Identity } from '../api/identities';
import type { SsoConnection } from '../api/sso-connection';
import type {
  AccountField,
  AccountState,
  MemberDifference,
  MembersDiff,
  PersonField,
  PersonState,
  SameSummary,
  ServiceAccountDifference,
  ServiceAccountsDiff,
  SsoDiff,
  SsoField,
  SsoValue,
} from '../ipc/compare';

/** How many matching names an answer carries besides their count: enough to recognise, never 10,000. */
export const SAME_SAMPLE_LIMIT = 50;

/** What the members diff reads of an identity. */
export type ComparablePerson = Pick<Identity, 'email' | 'type' | 'role' | 'status'>;

/** What the service accounts diff reads of an account. */
export interface ComparableAccount {
  name: string;
  description?: string | null;
}

/**
 * Members, and invitations still pending: an accepted, revoked or expired invitation is
 * history, not someone who has or is about to have access.
 */
export function isComparable(person: ComparablePerson): boolean {
  return person.type === 'user' || person.status === 'pending';
}

const emailKey = (email: string): string => email.trim().toLowerCase();

/** Code-unit order, as the People table sorts, so the same list reads the same way everywhere. */
const byKey = <T>(entries: Iterable<[string, T]>): Array<[string, T]> =>
  [...entries].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));

/**
 * One person per email on a side. Should a side hold an email twice (a member with an
 * invitation still pending), the member stands for it: that is who has access.
 */
function peopleByEmail(people: readonly ComparablePerson[]): {
  byEmail: Map<string, ComparablePerson>;
  withoutEmail: number;
} {
  const byEmail = new Map<string, ComparablePerson>();
  let withoutEmail = 0;
  for (const person of people) {
    if (!isComparable(person)) continue;
    const key = emailKey(person.email);
    if (key === '') {
      withoutEmail++;
      continue;
    }
    const held = byEmail.get(key);
    if (held === undefined || (held.type !== 'user' && person.type === 'user')) byEmail.set(key, person);
  }
  return { byEmail, withoutEmail };
}

const PERSON_FIELDS: readonly PersonField[] = ['type', 'role', 'status'];

const personState = (person: ComparablePerson): PersonState => ({
  type: person.type,
  role: person.role,
  status: person.status,
});

/** Keys of `a` and `b` together, in order, each once. */
function unionKeys<T>(a: Map<string, T>, b: Map<string, T>): string[] {
  return byKey([...new Set([...a.keys(), ...b.keys()])].map((key) => [key, null])).map(([key]) => key);
}

function sameSummary(names: string[], limit: number): SameSummary {
  return { count: names.length, sample: names.slice(0, limit) };
}

/**
 * Members and pending invitations of two organizations, matched by email ignoring case: who is
 * only on one side, who is on both with another type, role or status, and how many match.
 */
export function diffMembers(
  a: readonly ComparablePerson[],
  b: readonly ComparablePerson[],
  sampleLimit = SAME_SAMPLE_LIMIT,
): MembersDiff {
  const left = peopleByEmail(a);
  const right = peopleByEmail(b);
  const differences: MemberDifference[] = [];
  const same: string[] = [];
  for (const key of unionKeys(left.byEmail, right.byEmail)) {
    const inA = left.byEmail.get(key);
    const inB = right.byEmail.get(key);
    const email = (inA ?? inB)!.email;
    const fields = inA && inB ? PERSON_FIELDS.filter((field) => inA[field] !== inB[field]) : [];
    if (inA && inB && fields.length === 0) {
      same.push(email);
      continue;
    }
    differences.push({
      email,
      a: inA ? personState(inA) : null,
      b: inB ? personState(inB) : null,
      fields,
    });
  }
  return {
    differences,
    same: sameSummary(same, sampleLimit),
    counted: { a: left.byEmail.size, b: right.byEmail.size },
    withoutEmail: { a: left.withoutEmail, b: right.withoutEmail },
  };
}

const accountState = (account: ComparableAccount): AccountState => ({
  name: account.name,
  description: account.description?.trim() || null,
});

function accountsByName(accounts: readonly ComparableAccount[]): Map<string, AccountState> {
  const byName = new Map<string, AccountState>();
  for (const account of accounts) {
    const key = account.name.toLowerCase();
    if (!byName.has(key)) byName.set(key, accountState(account));
  }
  return byName;
}

/** Service accounts of two organizations, matched by name ignoring case (the server keeps names unique that way). */
export function diffServiceAccounts(
  a: readonly ComparableAccount[],
  b: readonly ComparableAccount[],
  sampleLimit = SAME_SAMPLE_LIMIT,
): ServiceAccountsDiff {
  const left = accountsByName(a);
  const right = accountsByName(b);
  const differences: ServiceAccountDifference[] = [];
  const same: string[] = [];
  for (const key of unionKeys(left, right)) {
    const inA = left.get(key) ?? null;
    const inB = right.get(key) ?? null;
    const name = (inA ?? inB)!.name;
    const fields: AccountField[] =
      inA && inB ? (['name', 'description'] as const).filter((field) => inA[field] !== inB[field]) : [];
    if (inA && inB && fields.length === 0) same.push(name);
    else differences.push({ name, a: inA, b: inB, fields });
  }
  return { differences, same: sameSummary(same, sampleLimit), counted: { a: left.size, b: right.size } };
}

/** A set as compared and shown: sorted, each entry once; an empty list reads as none. */
function asSet(list: readonly string[] | null | undefined): string[] | null {
  if (!list || list.length === 0) return null;
  return [...new Set(list)].sort();
}

/** Each compared setting of a connection; every value `null` but `enabled` when SSO is off. */
export function ssoValues(connection: SsoConnection | null): Record<SsoField, SsoValue> {
  const oauth2 = connection?.protocols?.oauth2;
  const openid = connection?.protocols?.openid;
  return {
    enabled: connection !== null,
    identifier: connection?.identifier ?? null,
    client_id: connection?.client_id ?? null,
    client_secret_set: connection === null ? null : connection.client_secret_set,
    authorization_endpoint: oauth2?.authorization_endpoint ?? null,
    token_endpoint: oauth2?.token_endpoint ?? null,
    jwks_uri: oauth2?.jwks_uri ?? null,
    registration_endpoint: oauth2?.registration_endpoint ?? null,
    userinfo_endpoint: openid?.userinfo_endpoint ?? null,
    scopes_supported: asSet(oauth2?.scopes_supported),
    code_challenge_methods_supported: asSet(oauth2?.code_challenge_methods_supported),
  };
}

const sameValue = (x: SsoValue, y: SsoValue): boolean =>
  Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((item, i) => item === y[i]) : x === y;

/** Two organizations' SSO settings, field by field; scopes and PKCE methods as sets. */
export function diffSso(a: SsoConnection | null, b: SsoConnection | null): SsoDiff {
  const left = ssoValues(a);
  const right = ssoValues(b);
  const fields = (Object.keys(left) as SsoField[]).map((field) => ({
    field,
    a: left[field],
    b: right[field],
    same: sameValue(left[field], right[field]),
  }));
  return { fields };
}
