import { randomUUID } from 'node:crypto';
import type { OrgTokenIssued } from '../../shared/ipc/service-accounts';
import type { CallOptions } from '../api';
import type { ClientRegistry } from '../connections/client-registry';
import { OrgdeskError } from '../errors';
import type { Logger } from '../log';
import type { SecretClipboard } from './secret-clipboard';

interface Held {
  token: string;
  /** Epoch ms; `undefined` when the server gave no lifetime. */
  expiresAt?: number;
}

/** More than anyone has on screen at once; the oldest go first. */
const MAX_HELD = 16;

/**
 * Organization tokens, held in main's memory under a random handle: the window shows the type
 * and the expiry and asks main to copy by handle. Never written to disk or logged; an expired
 * token is dropped rather than copied.
 */
export class OrgTokens {
  readonly #held = new Map<string, Held>();

  constructor(
    private readonly clients: ClientRegistry,
    private readonly clipboard: SecretClipboard,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async issue(profileId: string, orgId: string, call: CallOptions): Promise<OrgTokenIssued> {
    const client = await this.clients.forProfile(profileId);
    const answer = await client.organizations.exchangeToken(orgId, call);
    this.#prune();
    const handle = randomUUID();
    const expiresAt = answer.expires_in === undefined ? undefined : this.now() + answer.expires_in * 1000;
    this.#held.set(handle, { token: answer.access_token, expiresAt });
    while (this.#held.size > MAX_HELD) this.#held.delete(this.#held.keys().next().value!);
    this.logger.info('org_token.issued', { orgId, expiresIn: answer.expires_in });
    const issued: OrgTokenIssued = { handle, tokenType: answer.token_type };
    return expiresAt === undefined ? issued : { ...issued, expiresAt: new Date(expiresAt).toISOString() };
  }

  async copy(handle: string): Promise<{ clearsAfterSeconds: number }> {
    this.#prune();
    const held = this.#held.get(handle);
    if (held === undefined) {
      throw new OrgdeskError('not_found', 'This token has expired or is no longer held: get a new one.', {
        code: 'token_gone',
      });
    }
    const { clearsAfterMs } = await this.clipboard.copy(held.token, 'organization_token');
    return { clearsAfterSeconds: Math.round(clearsAfterMs / 1000) };
  }

  forgetAll(): void {
    this.#held.clear();
  }

  #prune(): void {
    const now = this.now();
    for (const [handle, held] of this.#held)
      if (held.expiresAt !== undefined && held.expiresAt <= now) this.#held.delete(handle);
  }
}
