import type { Identity } from '../../shared/api/identities';
import type { ServiceAccount } from '../../shared/api/service-accounts';
import type { SsoConnection } from '../../shared/api/sso-connection';
import { diffMembers, diffServiceAccounts, diffSso } from '../../shared/compare/diff';
import type { CompareResult, CompareSide, ComparedOrganization, Unreadable } from '../../shared/ipc/compare';
import type { CallContext } from '../../shared/ipc/calls';
import type { OrgRef } from '../../shared/ipc/organizations';
import { MAX_PAGE_LIMIT } from '../../shared/ipc/people';
import type { KeycardClient } from '../api';
import type { CallOptions } from '../api/core/client';
import { PermissionDeniedError } from '../api/core/errors';
import type { ClientRegistry } from '../connections/client-registry';
import { OrgdeskError } from '../errors';
import type { Logger } from '../log';
import { MAX_EXPORT_ROWS } from '../people/people-export';
import type { ProfileService } from '../profiles/profile-service';
import type { SsoService } from '../sso/sso-service';

/** The most people one side may hold: the People export's own cap, for the same reason (all of it in memory at once). */
export const MAX_COMPARED_PEOPLE = MAX_EXPORT_ROWS;

/** What one side's profile could read of a section, or why it could not. */
type Read<T> = { ok: true; value: T } | { ok: false; unreadable: Unreadable };

interface SideData {
  organization: ComparedOrganization;
  people: Read<Identity[]>;
  accounts: Read<ServiceAccount[]>;
  sso: Read<SsoConnection | null>;
}

/**
 * Compares two organizations, each read under its own profile. Both sides and their sections
 * are read at once under the call's one budget; the first failure stops every other read. A
 * section a profile may not read (403) is reported as such, and the rest is still compared.
 */
export class CompareService {
  constructor(
    private readonly clients: ClientRegistry,
    private readonly profiles: Pick<ProfileService, 'get'>,
    private readonly sso: Pick<SsoService, 'get'>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async compare(input: { a: OrgRef; b: OrgRef }, call: CallContext): Promise<CompareResult> {
    const started = performance.now();
    const stop = new AbortController();
    const scoped: CallOptions = { signal: AbortSignal.any([call.signal, stop.signal]), deadline: call.deadline };
    let a: SideData;
    let b: SideData;
    try {
      [a, b] = await Promise.all([this.#read('a', input.a, scoped), this.#read('b', input.b, scoped)]);
    } catch (error) {
      // The other side's walk has nobody left to answer.
      stop.abort(error);
      throw error;
    }
    const result: CompareResult = {
      a: a.organization,
      b: b.organization,
      members: section(a.people, b.people, (x, y) => diffMembers(x, y)),
      serviceAccounts: section(a.accounts, b.accounts, (x, y) => diffServiceAccounts(x, y)),
      sso: section(a.sso, b.sso, diffSso),
      comparedAt: new Date(this.now()).toISOString(),
    };
    this.logger.info('compare.done', {
      people: [peopleRead(a.people), peopleRead(b.people)],
      differences: result.members.diff?.differences.length ?? null,
      ms: Math.round(performance.now() - started),
    });
    return result;
  }

  async #read(side: CompareSide, ref: OrgRef, call: CallOptions): Promise<SideData> {
    const [profile, client] = await Promise.all([
      this.profiles.get(ref.profileId),
      this.clients.forProfile(ref.profileId),
    ]);
    // The organization first: one that is gone fails the compare, by name, before any walk starts.
    const org = await client.organizations.retrieve(ref.orgId, {}, call);
    const organization: ComparedOrganization = {
      profileId: profile.id,
      profileName: profile.name,
      orgId: org.id,
      orgName: org.name,
      orgLabel: org.label,
    };
    const readable = <T>(read: () => Promise<T>) => readSection(side, profile.name, read);
    const [people, accounts, sso] = await Promise.all([
      readable(() => walkPeople(client, org.id, call)),
      readable(async () => {
        const { items } = await client.organizations.serviceAccounts.listAll(
          org.id,
          { limit: MAX_PAGE_LIMIT, expand: [] },
          call,
        );
        return items;
      }),
      readable(async () => (await this.sso.get({ profileId: ref.profileId, orgId: org.id }, call)).connection),
    ]);
    return { organization, people, accounts, sso };
  }
}

async function readSection<T>(side: CompareSide, profileName: string, read: () => Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (!(error instanceof PermissionDeniedError)) throw error;
    return { ok: false, unreadable: { side, profileName, reason: error.message } };
  }
}

function section<T, D>(a: Read<T>, b: Read<T>, diff: (a: T, b: T) => D): { diff: D | null; unreadable: Unreadable[] } {
  if (a.ok && b.ok) return { diff: diff(a.value, b.value), unreadable: [] };
  return { diff: null, unreadable: [a, b].flatMap((read) => (read.ok ? [] : [read.unreadable])) };
}

const peopleRead = (read: Read<Identity[]>): number | null => (read.ok ? read.value.length : null);

/**
 * Every member and invitation, under the row cap: the count is asked first (one row), so a list
 * past the cap is refused before it is walked, and the walk stops one page past the cap should
 * the list have grown since.
 */
async function walkPeople(client: KeycardClient, orgId: string, call: CallOptions): Promise<Identity[]> {
  const first = await client.organizations.identities.list(orgId, { limit: 1, expand: ['total_count'] }, call);
  const total = first.pagination.total_count;
  if (total !== undefined && total > MAX_COMPARED_PEOPLE) throw tooMany(total);
  const { items } = await client.organizations.identities.listAll(
    orgId,
    { limit: MAX_PAGE_LIMIT, expand: [], maxPages: Math.ceil(MAX_COMPARED_PEOPLE / MAX_PAGE_LIMIT) + 1 },
    call,
  );
  if (items.length > MAX_COMPARED_PEOPLE) throw tooMany(items.length);
  return items;
}

function tooMany(count: number): OrgdeskError {
  return new OrgdeskError(
    'invalid_input',
    `An organization holds ${count.toLocaleString('en-US')} people; Orgdesk compares at most ${MAX_COMPARED_PEOPLE.toLocaleString('en-US')} on each side.`,
    { code: 'compare_too_large' },
  );
}
