import { describe, expect, it } from 'vitest';
import { ErrorBody } from '../../../src/shared/api/common';
import { MAX_SEEN_REQUESTS, SandboxFaults } from '../../../src/main/sandbox/faults';
import { buildSandboxApp, createSeededState } from '../../../src/main/sandbox/server';

describe('fault injection through inject()', () => {
  it('answers the fault before authentication and only the given number of times', async () => {
    const faults = new SandboxFaults();
    const app = buildSandboxApp({ state: createSeededState().state, faults });
    faults.add({
      path: /^\/organizations/,
      status: 502,
      times: 2,
      body: { message: 'bad gateway', code: 'upstream', status: 502 },
    });
    const first = await app.inject({ method: 'GET', url: '/organizations' });
    const second = await app.inject({ method: 'PATCH', url: '/organizations/acme-robotics' });
    const third = await app.inject({ method: 'GET', url: '/organizations' });
    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([502, 502, 401]);
    expect(ErrorBody.parse(first.json())).toEqual({ message: 'bad gateway', code: 'upstream', status: 502 });
    expect(faults.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /organizations',
      'PATCH /organizations/acme-robotics',
      'GET /organizations',
    ]);
    await app.close();
  });

  it('refuses nonsense faults', () => {
    const faults = new SandboxFaults();
    expect(() => faults.add({ status: 42 })).toThrow();
    expect(() => faults.add({ status: 500, times: 0 })).toThrow();
  });

  it('keeps a bounded request log, dropping the oldest', () => {
    const faults = new SandboxFaults();
    const total = MAX_SEEN_REQUESTS * 3;
    for (let n = 0; n < total; n += 1) faults.record({ method: 'GET', path: `/r/${n}`, requestId: undefined });
    expect(faults.requests.length).toBeGreaterThanOrEqual(MAX_SEEN_REQUESTS);
    expect(faults.requests.length).toBeLessThanOrEqual(MAX_SEEN_REQUESTS * 1.1);
    expect(faults.requests.at(-1)?.path).toBe(`/r/${total - 1}`);
    expect(faults.requests[0]?.path).toBe(`/r/${total - faults.requests.length}`);
  });
});
