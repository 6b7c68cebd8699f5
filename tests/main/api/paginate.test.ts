import { afterEach, describe, expect, it } from 'vitest';
import { collect, paginate } from '../../../src/main/api/core/paginate';
import { FakeKeycard, ORG, page } from './fake-keycard';

let fake: FakeKeycard;
afterEach(async () => {
  await fake?.close();
});

const org = (n: number) => ({ ...ORG, id: `org_${n}`, label: `org-${n}` });

describe('pagination', () => {
  it('listAll follows end_cursor while has_next_page, keeping list permissions', async () => {
    fake = new FakeKeycard();
    const permissions = { organizations: { create: true } };
    fake.apiScript.push(
      { status: 200, body: page([org(1), org(2)], 'c2', { permissions }) },
      { status: 200, body: page([org(3)], 'c3', { permissions }) },
      { status: 200, body: page([org(4)], undefined, { permissions }) },
    );
    const all = await fake.client().organizations.listAll({ limit: 2 });
    expect(all.items.map((o) => o.id)).toEqual(['org_1', 'org_2', 'org_3', 'org_4']);
    expect(all.permissions).toEqual(permissions);
    expect(fake.apiRequests.map((r) => r.path)).toEqual([
      '/organizations?limit=2&expand%5B%5D=permissions',
      '/organizations?after=c2&limit=2&expand%5B%5D=permissions',
      '/organizations?after=c3&limit=2&expand%5B%5D=permissions',
    ]);
  });

  it('fails rather than return part of the list when the server repeats a cursor', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push(
      { status: 200, body: page([org(1)], 'c2') },
      { status: 200, body: page([org(2)], 'c3') },
      { status: 200, body: page([org(3)], 'c2') },
      { status: 200, body: page([org(9)], 'c4') },
    );
    await expect(fake.client().organizations.listAll()).rejects.toMatchObject({
      kind: 'unexpected_response',
      message: 'Unexpected response: the server repeated a page cursor, so the list cannot be read completely',
    });
    expect(fake.apiRequests).toHaveLength(3);
    expect(fake.logLines.some((l) => l.includes('repeated a page cursor'))).toBe(true);
  });

  it('fails when a page claims a next page but gives no cursor, and past maxPages', async () => {
    fake = new FakeKeycard();
    const pages = [
      { items: [1], page_info: { has_next_page: true, has_prev_page: false } },
      { items: [2], page_info: { has_next_page: true, has_prev_page: false, end_cursor: 'x' } },
    ];
    let calls = 0;
    await expect(collect(paginate(async () => pages[calls++]!))).rejects.toThrow('gives no cursor');
    expect(calls).toBe(1);
    let n = 0;
    const endless = paginate(
      async () => ({ items: [n], page_info: { has_next_page: true, has_prev_page: false, end_cursor: `c${n++}` } }),
      { maxPages: 5 },
    );
    await expect(collect(endless)).rejects.toThrow('longer than 5 pages');
    expect(n).toBe(5);
  });
});
