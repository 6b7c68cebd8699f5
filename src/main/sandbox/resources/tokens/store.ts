import { randomBytes } from 'node:crypto';
import type { StoreContext } from '../../store-context';

/** An issued bearer token. `organization_id` is set on tokens from the organization token exchange. */
export interface TokenRecord {
  readonly token: string;
  readonly principal_id: string;
  readonly organization_id?: string;
  readonly expires_at_ms: number;
}

export type TokenCheck =
  | { readonly kind: 'valid'; readonly record: TokenRecord }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unknown' };

export interface IssuedToken {
  readonly token: string;
  readonly expiresIn: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export class TokenStore {
  readonly ttlSeconds: number;
  readonly #context: StoreContext;
  readonly #tokens = new Map<string, TokenRecord>();

  constructor(context: StoreContext, ttlSeconds: number = DEFAULT_TOKEN_TTL_SECONDS) {
    this.#context = context;
    this.ttlSeconds = ttlSeconds;
  }

  issue(principalId: string, organizationId?: string): IssuedToken {
    // Tokens are bearer secrets, so they come from the OS CSPRNG, not the seeded PRNG.
    const token = `sbx_${randomBytes(32).toString('base64url')}`;
    this.#tokens.set(token, {
      token,
      principal_id: principalId,
      ...(organizationId === undefined ? {} : { organization_id: organizationId }),
      expires_at_ms: this.#context.now().getTime() + this.ttlSeconds * 1000,
    });
    return { token, expiresIn: this.ttlSeconds };
  }

  check(token: string): TokenCheck {
    const record = this.#tokens.get(token);
    if (record === undefined) return { kind: 'unknown' };
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
