import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { createKeytarStore } from '../../../src/main/secrets/keytar-store';
import { KeychainError, SecretAlteredError } from '../../../src/main/secrets/secret-store';
import { LibsecretLikeKeytar } from '../../support/libsecret-like-keytar';

function setup() {
  const keytar = new LibsecretLikeKeytar();
  const lines: string[] = [];
  const store = createKeytarStore(
    'Orgdesk test',
    createLogger((line) => lines.push(line), 'debug'),
    keytar,
  );
  return { keytar, lines, store };
}

describe('keytar store reading a secret back', () => {
  it('saves a secret that round-trips, reading it back once', async () => {
    const { keytar, store } = setup();
    await store.set('profile', 'sks_plain-secret');
    expect(keytar.items.get('profile')).toBe('sks_plain-secret');
    expect(keytar.calls).toEqual(['set profile', 'get profile']);
  });

  it.each([
    ['a NUL', 'sks_before\u0000after'],
    ['an unpaired surrogate', 'sks_\uD800tail'],
  ])('refuses a secret the keychain changes (%s) and leaves no item behind', async (_label, secret) => {
    const { keytar, lines, store } = setup();
    const error = await store.set('profile', secret).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretAlteredError);
    expect(error).toBeInstanceOf(KeychainError);
    expect(error).toMatchObject({ kind: 'keychain', code: 'keychain_altered_secret' });
    expect((error as Error).message).toMatch(/keychain changed the secret while saving it/);
    expect(keytar.items.has('profile')).toBe(false);
    expect(await store.get('profile')).toBeNull();
    // Neither the secret nor what the keychain made of it reaches the message or the log.
    const seen = [(error as Error).message, ...lines].join('\n');
    expect(seen).not.toContain('sks_');
    expect(lines.some((line) => line.includes('keychain.altered_secret'))).toBe(true);
  });

  it('reads back inside the serialized step, so racing writes to one account still keep the last', async () => {
    const { keytar, store } = setup();
    await Promise.all([store.set('race', 'one'), store.delete('race'), store.set('race', 'two')]);
    expect(keytar.items.get('race')).toBe('two');
    expect(keytar.calls).toEqual(['set race', 'get race', 'delete race', 'set race', 'get race']);
  });
});

describe('a keychain that never answers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails the operation after the bound, says so, and frees the account for the next one', async () => {
    vi.useFakeTimers();
    const keytar = new LibsecretLikeKeytar();
    let stuck = true;
    const getPassword = keytar.getPassword.bind(keytar);
    keytar.getPassword = (service: string, account: string) =>
      stuck ? new Promise<string | null>(() => undefined) : getPassword(service, account);
    const store = createKeytarStore(
      'Orgdesk test',
      createLogger(() => undefined),
      keytar,
      60_000,
    );

    const reading = store.get('profile').catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(60_000);
    const error = await reading;
    expect(error).toBeInstanceOf(KeychainError);
    expect((error as KeychainError).message).toContain('could not read the secret (it did not answer within 60 s)');

    stuck = false;
    keytar.items.set('profile', 'sks_after');
    await expect(store.get('profile')).resolves.toBe('sks_after');
  });
});

describe('listing accounts', () => {
  it('is refused without a lister, never done with keytar in this process', async () => {
    const keytar = new LibsecretLikeKeytar();
    const store = createKeytarStore(
      'Orgdesk test',
      createLogger(() => undefined),
      keytar,
    );
    await expect(store.accounts()).rejects.toMatchObject({
      kind: 'keychain',
      message: expect.stringContaining('listing is not set up in this process'),
    });
  });

  it('asks the lister for its service, and turns its failures into keychain errors', async () => {
    const asked: string[] = [];
    let fail: Error | undefined;
    const store = createKeytarStore(
      'Orgdesk test',
      createLogger(() => undefined),
      new LibsecretLikeKeytar(),
      60_000,
      async (service) => {
        asked.push(service);
        if (fail) throw fail;
        return ['profile', 'credential/v1/p/o/s/c/i'];
      },
    );
    await expect(store.accounts()).resolves.toEqual(['profile', 'credential/v1/p/o/s/c/i']);
    expect(asked).toEqual(['Orgdesk test']);
    fail = new Error('bus gone');
    await expect(store.accounts()).rejects.toMatchObject({
      kind: 'keychain',
      message: expect.stringContaining('(bus gone)'),
    });
    fail = new KeychainError('list its items', new Error('locked'));
    await expect(store.accounts()).rejects.toBe(fail);
  });
});
