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
    expect(() => faults.add({ afterAction: true })).toThrow(/status or dropConnection/);
  });

  it('with afterAction, lets the handler act and then answers the fault instead', async () => {
    const { state, seed } = createSeededState({ seed: { usersPerOrg: 1 } });
    const faults = new SandboxFaults();
    const app = buildSandboxApp({ state, faults });
    const token = state.tokens.issue(seed.primaryCredential.serviceAccountId).token;
    const headers = { authorization: `Bearer ${token}`, host: '127.0.0.1' };
    const before = state.organizations.size;
    faults.add({ method: 'POST', path: '/organizations', status: 500, retryAfterSeconds: 3, afterAction: true });
    const failed = await app.inject({
      method: 'POST',
      url: '/organizations',
      headers,
      payload: { name: 'Made anyway' },
    });
    expect(failed.statusCode).toBe(500);
    expect(failed.headers['retry-after']).toBe('3');
    expect(failed.headers['content-type']).toMatch(/^application\/json/);
    expect(ErrorBody.parse(failed.json())).toMatchObject({ status: 500, code: 'internal_error' });
    expect(state.organizations.all().filter((o) => o.name === 'Made anyway')).toHaveLength(1);
    expect(state.organizations.size).toBe(before + 1);

    // A 204 answer is replaced too, and a string body is sent as text.
    const member = state.users.of(seed.primaryCredential.memberships[0]!.organizationId).all()[0]!;
    const url = `/organizations/${member.organization_id}/users/${member.id}`;
    faults.add({ method: 'DELETE', path: url, status: 502, body: 'bad gateway', afterAction: true });
    const removed = await app.inject({ method: 'DELETE', url, headers });
    expect([removed.statusCode, removed.body, removed.headers['content-type']]).toEqual([
      502,
      'bad gateway',
      'text/plain; charset=utf-8',
    ]);
    expect(state.users.of(member.organization_id).get(member.id)).toBeUndefined();
    expect(faults.pending).toBe(0);
    await app.close();
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
