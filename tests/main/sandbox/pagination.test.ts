import { describe, expect, it } from 'vitest';
import { PageInfo } from '../../../src/shared/api/common';
import { SandboxHttpError } from '../../../src/main/sandbox/errors';
import { encodeCursor, paginate, parsePageRequest } from '../../../src/main/sandbox/pagination';

const items = Array.from({ length: 10 }, (_, i) => ({
  id: `id${String(i).padStart(2, '0')}`,
  created_at: new Date(Date.UTC(2026, 0, 5, 9, i)).toISOString(),
}));

function at(index: number): (typeof items)[number] {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

describe('paginate', () => {
  it('pages forward after a cursor and backward before one', () => {
    const first = paginate(items, parsePageRequest({ limit: '4' }));
    expect(first.items.map((i) => i.id)).toEqual(['id00', 'id01', 'id02', 'id03']);
    expect(PageInfo.parse(first.page_info)).toMatchObject({ has_next_page: true, has_prev_page: false });

    const second = paginate(items, parsePageRequest({ limit: '4', after: first.page_info.end_cursor ?? '' }));
    expect(second.items.map((i) => i.id)).toEqual(['id04', 'id05', 'id06', 'id07']);
    expect(second.page_info).toMatchObject({ has_next_page: true, has_prev_page: true });

    const back = paginate(items, parsePageRequest({ limit: '3', before: second.page_info.start_cursor ?? '' }));
    expect(back.items.map((i) => i.id)).toEqual(['id01', 'id02', 'id03']);
    expect(back.page_info).toMatchObject({ has_next_page: true, has_prev_page: true });
  });

  it('keeps a cursor valid after its item is removed', () => {
    const cursor = encodeCursor(at(4));
    const without = items.filter((i) => i.id !== 'id04');
    expect(paginate(without, parsePageRequest({ after: cursor, limit: '2' })).items.map((i) => i.id)).toEqual([
      'id05',
      'id06',
    ]);
  });

  it('answers an empty last page without cursors', () => {
    const page = paginate(items, parsePageRequest({ after: encodeCursor(at(9)) }));
    expect(page.items).toEqual([]);
    expect(page.page_info).toEqual({ has_next_page: false, has_prev_page: true });
  });

  it('rejects bad limits, repeated parameters and forged cursors with 400', () => {
    for (const query of [
      { limit: '0' },
      { limit: '1001' },
      { limit: ['1', '2'] },
      { after: 'abc' },
      { before: Buffer.from('v2:x').toString('base64url') },
    ]) {
      let thrown: unknown;
      try {
        parsePageRequest(query);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(query)).toBeInstanceOf(SandboxHttpError);
      expect((thrown as SandboxHttpError).status).toBe(400);
    }
    expect(parsePageRequest({}).limit).toBe(100);
  });
});
