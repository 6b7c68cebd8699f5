import { describe, expect, it } from 'vitest';
import { deriveLabel, labelBase } from '../../../src/main/sandbox/labels';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

describe('deriveLabel', () => {
  it('reduces names to DNS labels', () => {
    expect(labelBase('Acme Robotics')).toBe('acme-robotics');
    expect(labelBase('  Zürich -- Café / Ops!! ')).toBe('zurich-cafe-ops');
    expect(labelBase('日本')).toBe('org');
    expect(labelBase(`${'a'.repeat(62)} b`)).toBe('a'.repeat(62));
  });

  it('appends a suffix on collision and stays within 63 characters', () => {
    const taken = new Set(['acme', 'acme-2', 'x'.repeat(63)]);
    expect(deriveLabel('Acme', (l) => taken.has(l))).toBe('acme-3');
    const long = deriveLabel('x'.repeat(100), (l) => taken.has(l));
    expect(long).toBe(`${'x'.repeat(61)}-2`);
    for (const label of ['acme-3', long]) expect(label).toMatch(DNS_LABEL);
  });
});
