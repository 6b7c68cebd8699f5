import { KeychainError, type SecretStore } from '../../src/main/secrets/secret-store';

/** An in-memory keychain for tests; `locked = true` makes every call fail like a locked keychain. */
export class MemorySecretStore implements SecretStore {
  readonly items = new Map<string, string>();
  locked = false;

  async get(account: string): Promise<string | null> {
    this.check('read the secret');
    return this.items.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.check('save the secret');
    this.items.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.check('delete the secret');
    return this.items.delete(account);
  }

  async accounts(): Promise<string[]> {
    this.check('list its items');
    return [...this.items.keys()];
  }

  private check(action: string): void {
    if (this.locked) throw new KeychainError(action, new Error('Cannot unlock the keychain (test)'));
  }
}
