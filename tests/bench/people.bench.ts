import { Pool, request } from 'undici';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { TokenResponse } from '../../src/shared/api/common';
import { IdentityListResponse } from '../../src/shared/api/identities';
import { closeAllPools, createKeycardClient, type KeycardClient } from '../../src/main/api';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';

/**
 * The People view's data path at scale: every identity of an organization of 10,000, 1,000 a
 * page with the total count, through the client and through a bare undici loop making the
 * same requests with the same token. The target: the client within 1.3× of the loop.
 */
const PEOPLE = 10_000;
const LIMIT = 1000;
let sandbox: RunningSandbox;
let client: KeycardClient;
let token: string;
let orgId: string;
let bare: Pool;
/** The ten pages as the server sends them, for the parse-only comparison. */
const bodies: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: { peopleAtScale: PEOPLE } });
  orgId = sandbox.primaryCredential.memberships.at(-1)!.organizationId;
  bare = new Pool(sandbox.url, { connections: 8 });
  const { clientId, clientSecret } = sandbox.primaryCredential;
  const answer = await request(`${sandbox.url}/service-account-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }).toString(),
    dispatcher: bare,
  });
  token = TokenResponse.parse(await answer.body.json()).access_token;
  client = createKeycardClient({ baseUrl: sandbox.url, credentials: { type: 'bearer', getToken: async () => token } });
  let after: string | undefined;
  do {
    const text = await getText(pathOf(after));
    bodies.push(text);
    after = (JSON.parse(text) as BarePage).pagination.after_cursor ?? undefined;
  } while (after !== undefined);
}, 120_000);

afterAll(async () => {
  await bare.close();
  await closeAllPools();
  await sandbox.close();
});

/** The query the client sends: `after` first when there is one, then `limit`, then `expand[]`. */
function pathOf(after: string | undefined): string {
  const cursor = after === undefined ? '' : `after=${encodeURIComponent(after)}&`;
  return `/organizations/${orgId}/identities?${cursor}limit=${LIMIT}&expand%5B%5D=total_count`;
}

/** Every walk checks what it read, so a broken cursor cannot look fast. */
function check(seen: number, total: number | undefined): void {
  if (seen !== PEOPLE || total !== PEOPLE) throw new Error(`walked ${seen} of ${total} identities, expected ${PEOPLE}`);
}

interface BarePage {
  items: unknown[];
  pagination: { after_cursor: string | null; total_count?: number };
}

async function getText(path: string): Promise<string> {
  const answer = await request(`${sandbox.url}${path}`, {
    headers: { accept: 'application/json', authorization: `Bearer ${token}` },
    dispatcher: bare,
  });
  const text = await answer.body.text();
  if (answer.statusCode !== 200) throw new Error(`${path}: HTTP ${answer.statusCode}`);
  return text;
}

/** Keeps every item, as `listAll` does, so both hold the same 10,000 objects. */
async function bareWalk(): Promise<unknown[]> {
  const items: unknown[] = [];
  let total: number | undefined;
  let after: string | undefined;
  do {
    const page = JSON.parse(await getText(pathOf(after))) as BarePage;
    items.push(...page.items);
    total = page.pagination.total_count;
    after = page.pagination.after_cursor ?? undefined;
  } while (after !== undefined);
  check(items.length, total);
  return items;
}

const options = { iterations: 30, time: 0, warmupIterations: 3 };

describe(`walk ${PEOPLE.toLocaleString('en')} identities, ${LIMIT} a page with total_count`, () => {
  bench('bare undici request loop + JSON.parse', () => bareWalk().then(() => undefined), options);

  bench(
    'client: organizations.identities.list, page by page',
    async () => {
      let seen = 0;
      let total: number | undefined;
      let after: string | undefined;
      do {
        const page = await client.organizations.identities.list(orgId, {
          after,
          limit: LIMIT,
          expand: ['total_count'],
        });
        seen += page.items.length;
        total = page.pagination.total_count;
        after = page.pagination.after_cursor ?? undefined;
      } while (after !== undefined);
      check(seen, total);
    },
    options,
  );

  bench(
    'client: organizations.identities.listAll',
    async () => {
      const all = await client.organizations.identities.listAll(orgId, { limit: LIMIT, expand: ['total_count'] });
      check(all.items.length, PEOPLE);
    },
    options,
  );
});

describe(`what the client adds: reading the same ${PEOPLE.toLocaleString('en')} identities already received`, () => {
  bench('JSON.parse of the pages', () => {
    for (const text of bodies) JSON.parse(text);
  });
  bench('JSON.parse and IdentityListResponse.parse (zod) of the pages', () => {
    for (const text of bodies) IdentityListResponse.parse(JSON.parse(text));
  });
});
