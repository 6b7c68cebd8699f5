import type { Keytar } from '../../src/main/secrets/keytar-store';

/**
 * A keytar stand-in that stores what libsecret stores (measured in tests/keychain): the value
 * as a C string of UTF-8, so it ends at the first NUL and an unpaired surrogate comes back as
 * U+FFFD. `items` is keyed by account.
 */
export class LibsecretLikeKeytar implements Keytar {
  readonly items = new Map<string, string>();
  readonly calls: string[] = [];

  async setPassword(_service: string, account: string, password: string): Promise<void> {
    this.calls.push(`set ${account}`);
    this.items.set(account, Buffer.from(password.split('\u0000')[0]!, 'utf8').toString('utf8'));
  }

  async getPassword(_service: string, account: string): Promise<string | null> {
    this.calls.push(`get ${account}`);
    return this.items.get(account) ?? null;
  }

  async deletePassword(_service: string, account: string): Promise<boolean> {
    this.calls.push(`delete ${account}`);
    return this.items.delete(account);
  }
}
