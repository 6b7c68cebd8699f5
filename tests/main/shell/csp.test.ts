import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/shell/csp';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources.join(' ')];
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('allows no network, no eval, no frames and no embedding', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect([...policy.values()].join(' ')).not.toContain('unsafe-eval');
  });

  it('lets the dev server HMR socket through in dev only', () => {
    const policy = directives(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
    expect(policy.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(policy.get('script-src')).toBe("'self'");
  });
});
