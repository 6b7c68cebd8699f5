import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../src/main/log';

describe('logger', () => {
  it('redacts values under credential-like keys, at any depth', () => {
    expect(
      redact({
        clientSecret: 's',
        access_token: 't',
        headers: { Authorization: 'Bearer t', accept: 'json' },
        path: '/x',
      }),
    ).toEqual({
      clientSecret: '[redacted]',
      access_token: '[redacted]',
      headers: { Authorization: '[redacted]', accept: 'json' },
      path: '/x',
    });
  });

  it('writes one JSON line per event above the threshold', () => {
    const lines: string[] = [];
    const logger = createLogger((line) => lines.push(line), 'info');
    logger.debug('hidden');
    logger.warn('shown', { error: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      event: 'shown',
      error: { name: 'Error', message: 'boom' },
    });
  });
});
