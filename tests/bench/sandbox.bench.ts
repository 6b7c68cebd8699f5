import { Agent, request } from 'undici';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { TokenResponse } from '../../src/shared/api/common';
import { OrganizationListResponse } from '../../src/shared/api/organizations';
import { UserListResponse } from '../../src/shared/api/users';
import { startSandbox, type RunningSandbox } from '../../src/main/sandbox/server';

const USERS = 10_000;
let sandbox: RunningSandbox;
let token: string;
const dispatcher = new Agent({ connections: 4 });

beforeAll(async () => {
  // 10,000 users in every named organization; the walk reads Acme's.
  sandbox = await startSandbox({ seed: { usersPerOrg: USERS, extraOrganizations: 200 } });
  const { clientId, clientSecret } = sandbox.primaryCredential;
  const answer = await request(`${sandbox.url}/service-account-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }).toString(),
    dispatcher,
  });
  token = TokenResponse.parse(await answer.body.json()).access_token;
}, 120_000);

afterAll(async () => {
  await sandbox.close();
  await dispatcher.close();
});

async function getJson(path: string): Promise<unknown> {
  const answer = await request(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${token}` }, dispatcher });
  if (answer.statusCode !== 200) throw new Error(`${path}: HTTP ${answer.statusCode}`);
  return answer.body.json();
}

/** Walks every page and checks the total, so a broken cursor cannot look fast. */
async function walkUsers(limit: number): Promise<void> {
  let seen = 0;
  let after: string | undefined;
  do {
    const cursor = after === undefined ? '' : `&after=${after}`;
    const page = UserListResponse.parse(await getJson(`/organizations/acme-robotics/users?limit=${limit}${cursor}`));
    seen += page.items.length;
    after = page.page_info.has_next_page ? (page.page_info.end_cursor ?? undefined) : undefined;
  } while (after !== undefined);
  if (seen !== USERS) throw new Error(`walked ${seen} users, expected ${USERS}`);
}

describe('sandbox over HTTP, 10,000 users in one organization', () => {
  bench('walk all users, limit 100 (100 pages)', () => walkUsers(100), { iterations: 5, time: 0 });
  bench('walk all users, limit 1000 (10 pages)', () => walkUsers(1000), { iterations: 5, time: 0 });
  bench(
    'walk all users with expand[]=permissions, limit 1000',
    async () => {
      let after: string | undefined;
      do {
        const cursor = after === undefined ? '' : `&after=${after}`;
        const page = UserListResponse.parse(
          await getJson(`/organizations/acme-robotics/users?limit=1000&expand%5B%5D=permissions${cursor}`),
        );
        after = page.page_info.has_next_page ? (page.page_info.end_cursor ?? undefined) : undefined;
      } while (after !== undefined);
    },
    { iterations: 5, time: 0 },
  );
});

describe('sandbox over HTTP, organizations', () => {
  bench('list organizations (204 visible), limit 100 with permissions', async () => {
    const page = OrganizationListResponse.parse(await getJson('/organizations?limit=100&expand=permissions'));
    if (page.items.length !== 100) throw new Error(`expected 100 organizations, got ${page.items.length}`);
  });
  bench('retrieve an organization by label', async () => {
    await getJson('/organizations/globex-research');
  });
});
