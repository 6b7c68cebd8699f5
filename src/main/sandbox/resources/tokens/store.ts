import { randomBytes } from 'node:crypto';
import type { StoreContext } from '../../store-context';

/** An issued bearer token. `organization_id` is set on tokens from the organization token exchange. */
export interface TokenRecord {
  readonly token: string;
  readonly principal_id: string;
  readonly organization_id?: string;
  /** The credential whose login issued it (directly, or through the token exchange). */
  readonly credential_id?: string;
  readonly expires_at_ms: number;
}

/** What a token is issued for, besides its principal. */
export interface TokenScope {
  readonly organizationId?: string;
  readonly credentialId?: string;
}

export type TokenCheck =
  | { readonly kind: 'valid'; readonly record: TokenRecord }
  | { readonly kind: 'expired' }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'unknown' };

/** Whether what issued a token (its service account, its credential) still exists. */
export type TokenIssuerCheck = (record: TokenRecord) => boolean;

export interface IssuedToken {
  readonly token: string;
  readonly expiresIn: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export class TokenStore {
  readonly ttlSeconds: number;
  readonly #context: StoreContext;
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #issuerExists: TokenIssuerCheck;

  /**
   * `issuerExists` is asked on every check, so revoking a credential or deleting a service
   * account ends its tokens at once, whichever route removed it.
   */
  constructor(
    context: StoreContext,
    ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS,
    issuerExists: TokenIssuerCheck = () => true,
  ) {
    this.#context = context;
    this.ttlSeconds = ttlSeconds;
    this.#issuerExists = issuerExists;
  }

  issue(principalId: string, scope: TokenScope = {}): IssuedToken {
    // Tokens are bearer secrets, so they come from the OS CSPRNG, not the seeded PRNG.
    const token = `sbx_${randomBytes(32).toString('base64url')}`;
    this.#tokens.set(token, {
      token,
      principal_id: principalId,
      ...(scope.organizationId === undefined ? {} : { organization_id: scope.organizationId }),
      ...(scope.credentialId === undefined ? {} : { credential_id: scope.credentialId }),
      expires_at_ms: this.#context.now().getTime() + this.ttlSeconds * 1000,
    });
    return { token, expiresIn: this.ttlSeconds };
  }

  check(token: string): TokenCheck {
    const record = this.#tokens.get(token);
    if (record === undefined) return { kind: 'unknown' };
    if (!this.#issuerExists(record)) return { kind: 'revoked' };
    if (record.expires_at_ms <= this.#context.now().getTime()) return { kind: 'expired' };
    return { kind: 'valid', record };
  }

  /** Lets tests exercise a client's refresh-on-401 path without waiting for the TTL. */
  expire(token: string): boolean {
    const record = this.#tokens.get(token);
    if (record === undefined) return false;
    this.#tokens.set(token, { ...record, expires_at_ms: this.#context.now().getTime() - 1 });
    return true;
  }

  expireAll(): void {
    for (const token of [...this.#tokens.keys()]) this.expire(token);
  }
}
