import { OrgdeskError } from '../errors';

/**
 * Where profile secrets live: one item per profile (account = profile ID) under one service.
 * Implementations throw `KeychainError` when the keychain is locked, missing or refuses;
 * callers must never fall back to storing the secret anywhere else.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves to whether an item was there to delete. */
  delete(account: string): Promise<boolean>;
  /** The accounts that currently hold a secret. */
  accounts(): Promise<string[]>;
}

export class KeychainError extends OrgdeskError {
  constructor(action: string, cause?: unknown) {
    const reason = describeCause(cause);
    super(
      'keychain',
      `The system keychain could not ${action}${reason ? ` (${reason})` : ''}. Unlock it, or on Linux install a Secret Service such as GNOME Keyring, and try again. Nothing was saved in plain text.`,
      { cause: reason, code: 'keychain_unavailable' },
    );
  }
}

/** Keep only the library's own words: a keychain error never embeds the secret, but a stack can be long. */
function describeCause(cause: unknown): string | undefined {
  return cause instanceof Error ? cause.message : cause === undefined ? undefined : String(cause);
}
