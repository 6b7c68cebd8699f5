import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { exposureFor, isLoopbackHost } from '../../../src/main/sandbox/exposure';
import { RemoteHostRefusedError, createSeededState, startSandbox } from '../../../src/main/sandbox/server';

const SECRET = /^sks_[A-Za-z0-9]{40}$/;

describe('bind host', () => {
  it('treats localhost and loopback IP literals as loopback, and nothing else', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.0.2.7', 'fd00::2', 'localhost.', 'sandbox.lan', '127.0.0.1.nip.io', '']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('keeps a loopback sandbox local', () => {
    expect(exposureFor('127.0.0.1', false)).toEqual({ remote: false, extraHostNames: [] });
    expect(exposureFor('::1', true)).toEqual({ remote: false, extraHostNames: [] });
  });

  it('refuses a non-loopback host unless remote access is allowed', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.7', 'sandbox.lan']) {
      expect(() => exposureFor(host, false), host).toThrow(RemoteHostRefusedError);
    }
    expect(() => exposureFor('0.0.0.0', false)).toThrow(/--allow-remote/);
  });

  it('answers the bound name when remote, or every local address for a wildcard bind', () => {
    expect(exposureFor('192.0.2.7', true)).toEqual({ remote: true, extraHostNames: ['192.0.2.7'] });
    expect(exposureFor('[FD00::2]', true)).toEqual({ remote: true, extraHostNames: ['fd00::2'] });
    const local = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
    expect(local.length).toBeGreaterThan(0);
    const wildcard = exposureFor('0.0.0.0', true);
    expect(wildcard.remote).toBe(true);
    expect(new Set(wildcard.extraHostNames)).toEqual(new Set(local.map((a) => a.toLowerCase())));
  });

  it('startSandbox refuses a non-loopback host before listening', async () => {
    await expect(startSandbox({ host: '0.0.0.0', port: 0 })).rejects.toThrow(RemoteHostRefusedError);
  });
});

describe('secrets', () => {
  it('are the fixed seed’s by default, fresh from the CSPRNG on every random seeding', () => {
    const fixed = createSeededState({ seed: { usersPerOrg: 0 } }).seed.credentials.map((c) => c.clientSecret);
    const runs = [1, 2].map(() =>
      createSeededState({ seed: { usersPerOrg: 0 }, randomSecrets: true }).seed.credentials.map((c) => c.clientSecret),
    );
    for (const secret of [...fixed, ...runs.flat()]) expect(secret).toMatch(SECRET);
    const all = [...fixed, ...runs.flat()];
    expect(new Set(all).size).toBe(all.length);
  });

  it('still log in when random', () => {
    const { state, seed } = createSeededState({ seed: { usersPerOrg: 0 }, randomSecrets: true });
    for (const credential of seed.credentials) {
      expect(state.credentials.authenticate(credential.clientId, credential.clientSecret)?.id).toBe(
        credential.credentialId,
      );
    }
  });
});
