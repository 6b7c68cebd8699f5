import { MockAgent } from 'undici';
import { ClientCredentialsAuth, BearerAuth, type AuthProvider } from '../../../src/main/api/core/auth';
import { KeycardClient, type KeycardClientOptions } from '../../../src/main/api/core/client';
import { createLogger } from '../../../src/main/log';

export const BASE = 'https://keycard.test';
export const CLIENT_ID = 'svc_client_01';
/** Distinctive, so a leak anywhere can be searched for. */
export const SECRET = 'S3cr3t-Leak-Canary-7f1e9c';

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A failure before any answer, as undici reports it (e.g. `ECONNRESET`). */
export interface Failure {
  error: string;
}

type Script = Reply | Failure | ((request: SeenRequest) => Reply);

export const ORG = {
  id: 'org_01hzy0000000000000000000',
  name: 'Acme',
  label: 'acme',
  sso_enabled: false,
  created_at: '2024-01-01T00:00:00.000Z',
  updated_at: '2024-01-01T00:00:00.000Z',
};

export function page(items: unknown[], next?: string, extra: Record<string, unknown> = {}): unknown {
  return {
    items,
    page_info: { has_next_page: next !== undefined, has_prev_page: false, end_cursor: next ?? null },
    ...extra,
  };
}

/**
 * A scripted Keycard behind undici's MockAgent: token answers and API answers are taken
 * from queues in order (falling back to a fresh token / an empty list), and every request
 * is recorded with its headers.
 */
export class FakeKeycard {
  readonly agent = new MockAgent();
  readonly requests: SeenRequest[] = [];
  readonly tokenScript: Script[] = [];
  readonly apiScript: Script[] = [];
  readonly logLines: string[] = [];
  readonly sleeps: number[] = [];
  readonly logger = createLogger((line) => this.logLines.push(line), 'debug');
  clock = 1_700_000_000_000;
  #tokens = 0;

  constructor(readonly base = BASE) {
    this.agent.disableNetConnect();
    this.agent
      .get(new URL(base).origin)
      .intercept({ path: () => true, method: () => true })
      .reply((opts) => {
        const request: SeenRequest = {
          method: opts.method,
          path: opts.path,
          headers: normalize(opts.headers),
          body: typeof opts.body === 'string' ? opts.body : undefined,
        };
        this.requests.push(request);
        const isToken = request.path.endsWith('/service-account-token');
        const next = (isToken ? this.tokenScript : this.apiScript).shift();
        if (next !== undefined && 'error' in next) {
          throw Object.assign(new Error(`simulated ${next.error}`), { code: next.error });
        }
        const reply: Reply =
          typeof next === 'function'
            ? next(request)
            : (next ?? (isToken ? this.freshToken() : { status: 200, body: page([]) }));
        return {
          statusCode: reply.status,
          data:
            reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body),
          responseOptions: { headers: { 'content-type': 'application/json', ...reply.headers } },
        };
      })
      .persist();
  }

  /** `null` leaves `expires_in` out. */
  freshToken(expiresIn: number | null = 3600): Reply {
    this.#tokens += 1;
    const body: Record<string, unknown> = { access_token: `tok-${this.#tokens}`, token_type: 'Bearer' };
    if (expiresIn !== null) body.expires_in = expiresIn;
    return { status: 200, body };
  }

  /** Queues `count` API answers that fail before any answer, with `code`. */
  failWith(code: string, count = 1): void {
    for (let i = 0; i < count; i += 1) this.apiScript.push({ error: code });
  }

  get tokenRequests(): SeenRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/service-account-token'));
  }

  get apiRequests(): SeenRequest[] {
    return this.requests.filter((r) => !r.path.endsWith('/service-account-token'));
  }

  auth(): ClientCredentialsAuth {
    return new ClientCredentialsAuth({
      baseUrl: this.base,
      clientId: CLIENT_ID,
      getSecret: async () => SECRET,
      dispatcher: this.agent,
      logger: this.logger,
      now: () => this.clock,
    });
  }

  client(options: Partial<KeycardClientOptions> & { auth?: AuthProvider } = {}): KeycardClient {
    return new KeycardClient({
      baseUrl: this.base,
      auth: options.auth ?? this.auth(),
      dispatcher: this.agent,
      logger: this.logger,
      sleep: async (ms) => {
        this.sleeps.push(ms);
      },
      random: () => 0,
      now: () => this.clock,
      ...options,
    });
  }

  bearerClient(token = 'pasted-token', options: Partial<KeycardClientOptions> = {}): KeycardClient {
    return this.client({ auth: new BearerAuth({ getToken: async () => token }), ...options });
  }

  #closed = false;

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.agent.close();
  }
}

function normalize(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers instanceof Headers) {
    headers.forEach((value, key) => (out[key] = value));
  } else if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  } else if (headers && typeof headers === 'object') {
    for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = String(value);
  }
  return out;
}

export async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`threw a non-Error: ${String(err)}`);
  }
  throw new Error('expected a rejection');
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
