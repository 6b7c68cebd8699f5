import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ErrorBody, TokenResponse } from '../../../src/shared/api/common';
import { SandboxFaults } from '../../../src/main/sandbox/faults';
import { buildSandboxApp, createSeededState, type SeededSandbox } from '../../../src/main/sandbox/server';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

function sandbox(extraHostNames?: readonly string[]): {
  app: FastifyInstance;
  seeded: SeededSandbox;
  faults: SandboxFaults;
} {
  const seeded = createSeededState({ seed: { usersPerOrg: 0 } });
  const faults = new SandboxFaults();
  app = buildSandboxApp({ state: seeded.state, faults, ...(extraHostNames === undefined ? {} : { extraHostNames }) });
  return { app, seeded, faults };
}

/** The token request a browser form (or the attacker's fetch) would send, plus `headers`. */
function tokenRequest(seeded: SeededSandbox, headers: Record<string, string> = {}) {
  const { clientId, clientSecret } = seeded.seed.primaryCredential;
  return {
    method: 'POST' as const,
    url: '/service-account-token',
    headers: { host: '127.0.0.1:4010', 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }).toString(),
  };
}

describe('Host header', () => {
  it('answers loopback names on any port', async () => {
    const { app } = sandbox();
    for (const host of [
      '127.0.0.1:4010',
      '127.0.0.1',
      'localhost:80',
      'LocalHost:1',
      '[::1]:4010',
      '[::1]',
      '127.8.9.10',
    ]) {
      const answer = await app.inject({ method: 'GET', url: '/organizations', headers: { host } });
      expect(answer.statusCode, host).toBe(401);
    }
  });

  it('refuses every other name with 421 and the error body, before the request is recorded', async () => {
    const { app, faults } = sandbox();
    const hosts = [
      'attacker.example:4010',
      'attacker.example',
      '127.0.0.1.nip.io',
      'localhost.',
      'localhost.attacker.example',
      'attacker.example@127.0.0.1',
      '127.0.0.1:4010/path',
      '192.0.2.7',
      '[fd00::2]:4010',
    ];
    for (const host of hosts) {
      const answer = await app.inject({ method: 'GET', url: '/organizations', headers: { host } });
      expect(answer.statusCode, host).toBe(421);
      expect(ErrorBody.parse(answer.json())).toMatchObject({ status: 421, code: 'misdirected_request' });
    }
    expect(faults.requests).toEqual([]);
  });

  it('refuses the token endpoint for a rebound name, so no token is issued', async () => {
    const { app, seeded } = sandbox();
    const answer = await app.inject(tokenRequest(seeded, { host: 'rebound.attacker.example:4010' }));
    expect(answer.statusCode).toBe(421);
    expect(answer.body).not.toContain('access_token');
  });

  it('also answers the names it was given when remote access is allowed', async () => {
    const { app } = sandbox(['192.0.2.7', '[FD00::2]', 'sandbox.lan']);
    for (const host of ['192.0.2.7:4010', '[fd00::2]:4010', 'Sandbox.LAN', '127.0.0.1']) {
      const answer = await app.inject({ method: 'GET', url: '/organizations', headers: { host } });
      expect(answer.statusCode, host).toBe(401);
    }
    const other = await app.inject({ method: 'GET', url: '/organizations', headers: { host: '192.0.2.8' } });
    expect(other.statusCode).toBe(421);
  });
});

describe('token endpoint against cross-site requests', () => {
  it('issues a token to a client that sends neither Origin nor Sec-Fetch-Site (undici, SDKs)', async () => {
    const { app, seeded } = sandbox();
    const answer = await app.inject(tokenRequest(seeded));
    expect(answer.statusCode, answer.body).toBe(200);
    TokenResponse.parse(answer.json());
  });

  it('issues a token to a same-origin loopback page', async () => {
    const { app, seeded } = sandbox();
    for (const origin of ['http://127.0.0.1:4010', 'http://localhost:5173', 'http://[::1]:4010']) {
      const answer = await app.inject(tokenRequest(seeded, { origin, 'sec-fetch-site': 'same-origin' }));
      expect(answer.statusCode, origin).toBe(200);
    }
    const typed = await app.inject(tokenRequest(seeded, { 'sec-fetch-site': 'none' }));
    expect(typed.statusCode).toBe(200);
  });

  it('refuses a foreign or opaque Origin and cross-site or same-site fetches with 403', async () => {
    const { app, seeded } = sandbox();
    const refused: Record<string, string>[] = [
      { origin: 'https://attacker.example' },
      { origin: 'http://127.0.0.1.nip.io:4010' },
      { origin: 'null' },
      { origin: 'file://' },
      { origin: 'not a url' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'Same-Site' },
      { origin: 'http://127.0.0.1:4010', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of refused) {
      const answer = await app.inject(tokenRequest(seeded, headers));
      expect(answer.statusCode, JSON.stringify(headers)).toBe(403);
      expect(ErrorBody.parse(answer.json())).toMatchObject({ status: 403, code: 'cross_site_request' });
    }
  });
});
