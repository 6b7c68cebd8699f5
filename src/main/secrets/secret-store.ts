import { OrgdeskError } from '../errors';

/**
 * Orgdesk's items in the OS keychain, all under one service (see `keychain-accounts.ts` for how
 * accounts are named: profile secrets and service-account credential secrets).
 * Implementations throw `KeychainError` when the keychain is locked, missing or refuses;
 * callers must never fall back to storing the secret anywhere else.
 *
 * A locked Secret Service answers `get` with null rather than an error, so "not found" can
 * mean "locked": messages must say both.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  /**
   * Resolves once the keychain gives back exactly `secret`. If it stored something else (libsecret
   * cuts a string at NUL and turns an unpaired surrogate into U+FFFD), the item is removed and
   * `SecretAlteredError` thrown: a secret that reads back different would pass a test and then fail.
   */
  set(account: string, secret: string): Promise<void>;
  /** Resolves to whether an item was there to delete. */
  delete(account: string): Promise<boolean>;
  /**
   * Every account under the service, never a value. keytar can only list by reading every
   * secret, and on a locked GNOME Keyring that read crashes the process that makes it
   * (libsecret hands it a NULL value; tests/keychain shows it), so the keytar store lists in a
   * child process and reports its crash as a `KeychainError`.
   */
  accounts(): Promise<string[]>;
}

export class KeychainError extends OrgdeskError {
  constructor(action: string, cause?: unknown, explained?: { message: string; code: string }) {
    const reason = describeCause(cause);
    super(
      'keychain',
      explained?.message ??
        `The system keychain could not ${action}${reason ? ` (${reason})` : ''}. Unlock it, or on Linux install a Secret Service such as GNOME Keyring, and try again.${action.startsWith('save') ? ' Nothing was saved in plain text.' : ''}`,
      { cause: reason, code: explained?.code ?? 'keychain_unavailable' },
    );
  }
}

/** The keychain answered, but read back a different secret than it was given; the item is gone again. */
export class SecretAlteredError extends KeychainError {
  constructor() {
    super('save the secret', undefined, {
      code: 'keychain_altered_secret',
      message:
        'The system keychain changed the secret while saving it (it cannot store some characters, such as NUL or broken Unicode), so Orgdesk did not keep it. Check the secret and enter it again. Nothing was saved in plain text.',
    });
  }
}

/** Keep only the library's own words: a keychain error never embeds the secret, but a stack can be long. */
function describeCause(cause: unknown): string | undefined {
  return cause instanceof Error ? cause.message : cause === undefined ? undefined : String(cause);
}
