import { describe, expect, it } from 'vitest';
import { parseExpand } from '../../../src/main/sandbox/expand';
import { parseQueryString, readQuery } from '../../../src/main/sandbox/query';

const expandOf = (raw: string): string[] => [...parseExpand(readQuery(parseQueryString(raw)))].sort();

describe('parseExpand', () => {
  it('accepts the SDK spelling, the documented spelling and percent-encoded brackets', () => {
    expect(expandOf('expand=permissions')).toEqual(['permissions']);
    expect(expandOf('expand[]=permissions')).toEqual(['permissions']);
    expect(expandOf('expand%5B%5D=permissions&expand%5B%5D=total_count')).toEqual(['permissions', 'total_count']);
    expect(expandOf('expand=total_count&expand[]=permissions')).toEqual(['permissions', 'total_count']);
  });

  it('ignores unknown values and unrelated keys', () => {
    expect(expandOf('expand=everything&expanded=permissions&limit=5')).toEqual([]);
  });
});
