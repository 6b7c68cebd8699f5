import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/main/log';
import { isolatedAccountLister, type AccountsChild } from '../../../src/main/secrets/account-lister';
import { KeychainError } from '../../../src/main/secrets/secret-store';

/** A child the test speaks for. */
class FakeChild implements AccountsChild {
  readonly messages: Array<(message: unknown) => void> = [];
  readonly exits: Array<(code: number | null, signal?: string | null) => void> = [];
  killed = 0;
  onMessage(listener: (message: unknown) => void): void {
    this.messages.push(listener);
  }
  onExit(listener: (code: number | null, signal?: string | null) => void): void {
    this.exits.push(listener);
  }
  kill(): void {
    this.killed += 1;
  }
  send(message: unknown): void {
    for (const listener of this.messages) listener(message);
  }
  exit(code: number | null, signal: string | null = null): void {
    for (const listener of this.exits) listener(code, signal);
  }
}

function setup() {
  const children: Array<{ service: string; child: FakeChild }> = [];
  const lines: string[] = [];
  const list = isolatedAccountLister(
    (service) => {
      const child = new FakeChild();
      children.push({ service, child });
      return child;
    },
    60_000,
    createLogger((line) => lines.push(line), 'debug'),
  );
  return { children, lines, list };
}

describe('listing keychain accounts in a child process', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers the accounts the child sends and stops it', async () => {
    const { children, list } = setup();
    const listing = list('Orgdesk');
    expect(children.map((c) => c.service)).toEqual(['Orgdesk']);
    children[0]!.child.send({ accounts: ['a', 'credential/v1/p/o/s/c/i'] });
    await expect(listing).resolves.toEqual(['a', 'credential/v1/p/o/s/c/i']);
    expect(children[0]!.child.killed).toBe(1);
    // Its exit after the answer changes nothing.
    children[0]!.child.exit(null, 'SIGTERM');
  });

  it('turns a crash of the child (a locked GNOME Keyring) into a keychain error', async () => {
    const { children, lines, list } = setup();
    const listing = list('Orgdesk');
    children[0]!.child.exit(null, 'SIGSEGV');
    const error = await listing.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KeychainError);
    expect(error).toMatchObject({ kind: 'keychain', code: 'keychain_unavailable' });
    expect((error as Error).message).toContain('could not list its items');
    expect((error as Error).message).toContain('signal SIGSEGV; the keychain may be locked');
    expect(lines.some((line) => line.includes('keychain.list_failed'))).toBe(true);
  });

  it('still takes an answer that arrives just before the exit is reported', async () => {
    const { children, list } = setup();
    const listing = list('Orgdesk');
    children[0]!.child.exit(0);
    children[0]!.child.send({ accounts: ['a'] });
    await expect(listing).resolves.toEqual(['a']);
  });

  it("passes on the keychain's own refusal, and refuses an answer of the wrong shape", async () => {
    const { children, list } = setup();
    const refused = list('Orgdesk');
    children[0]!.child.send({ error: 'Cannot create an item in a locked collection' });
    await expect(refused).rejects.toThrow(/could not list its items \(Cannot create an item in a locked collection\)/);
    const odd = list('Orgdesk');
    children[1]!.child.send({ accounts: [1, 2] });
    await expect(odd).rejects.toThrow(/answered something unexpected/);
  });

  it('gives up on a child that never answers after the bound, and stops it', async () => {
    vi.useFakeTimers();
    const { children, list } = setup();
    const listing = list('Orgdesk').catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(children[0]!.child.killed).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await listing).toMatchObject({ kind: 'keychain', message: expect.stringContaining('within 60 s') });
    expect(children[0]!.child.killed).toBe(1);
  });

  it('reports a child that cannot start', async () => {
    const list = isolatedAccountLister(() => {
      throw new Error('spawn ENOENT');
    }, 60_000);
    await expect(list('Orgdesk')).rejects.toThrow(/did not start: spawn ENOENT/);
  });
});
