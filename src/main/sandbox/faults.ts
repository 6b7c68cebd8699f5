import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '../../shared/api/common';
import type { ErrorBody } from '../../shared/api/common';
import { errorBody } from './errors';

export interface FaultSpec {
  /** HTTP method to match, case-insensitive; any method when omitted. */
  method?: string;
  /** Exact path (no query string) or a pattern tested against the path; any path when omitted. */
  path?: string | RegExp;
  /** Status to answer with. Omit it (and `dropConnection`) for a late answer, see `delayMs`. */
  status?: number;
  /** How many matching requests the fault applies to (default 1; `Infinity` for all). */
  times?: number;
  retryAfterSeconds?: number;
  /** Body to answer with; defaults to the error body for `status`. */
  body?: unknown;
  /**
   * With `status` or `dropConnection`: wait this long before failing. Alone: handle the
   * request normally but hold the answer back this long, so a client that times out
   * has still had its request performed (the case a blind POST retry duplicates).
   */
  delayMs?: number;
  /** Destroy the socket without answering, as a crashed proxy or a reset connection would. */
  dropConnection?: boolean;
  /**
   * With `status` or `dropConnection`: let the request be handled first (its effect stays), then
   * answer `status` instead of the real answer, or drop the connection. A create that comes back
   * 500 or never comes back although it was performed: what a client must not repeat blindly.
   */
  afterAction?: boolean;
}

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly requestId: string | undefined;
}

export interface FaultInjector {
  add(fault: FaultSpec): void;
  /** Removes every pending fault (the request log is kept). */
  clear(): void;
  /** Faults still waiting to match. */
  readonly pending: number;
  /**
   * The latest requests the sandbox received (at least the last `MAX_SEEN_REQUESTS`, never more
   * than a tenth over), in arrival order, faulted ones included.
   */
  readonly requests: readonly SeenRequest[];
  clearRequests(): void;
}

/**
 * The embedded sandbox runs for as long as the app does: its request log keeps the latest
 * requests only, so a long session cannot grow it without bound.
 */
export const MAX_SEEN_REQUESTS = 10_000;

interface ArmedFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/**
 * Scripted misbehaviour for testing clients over real HTTP: error statuses with
 * `Retry-After`, slow answers (to trip timeouts) and dropped connections.
 */
export class SandboxFaults implements FaultInjector {
  #faults: ArmedFault[] = [];
  #requests: SeenRequest[] = [];

  get pending(): number {
    return this.#faults.length;
  }

  get requests(): readonly SeenRequest[] {
    return this.#requests;
  }

  add(fault: FaultSpec): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error('fault times must be positive');
    if (fault.status !== undefined && (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)) {
      throw new Error(`invalid fault status ${fault.status}`);
    }
    if (fault.afterAction === true && fault.status === undefined && fault.dropConnection !== true) {
      throw new Error('an afterAction fault needs a status or dropConnection');
    }
    this.#faults.push({ spec: fault, remaining: times });
  }

  clear(): void {
    this.#faults = [];
  }

  clearRequests(): void {
    this.#requests = [];
  }

  record(request: SeenRequest): void {
    this.#requests.push(request);
    // Dropping a batch at a time keeps recording O(1) amortised.
    if (this.#requests.length > MAX_SEEN_REQUESTS + MAX_SEEN_REQUESTS / 10) {
      this.#requests.splice(0, this.#requests.length - MAX_SEEN_REQUESTS);
    }
  }

  /** Consumes one use of the first fault matching the request. */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.#faults.findIndex((f) => matches(f.spec, method, path));
    const armed = this.#faults[index];
    if (armed === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#faults.splice(index, 1);
    return armed.spec;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (spec.path === undefined) return true;
  if (typeof spec.path === 'string') return spec.path === path;
  spec.path.lastIndex = 0;
  return spec.path.test(path);
}

function defaultBody(status: number): ErrorBody {
  if (status === 429) return errorBody(429, 'rate_limited', 'Too many requests (injected fault)');
  if (status >= 500) return errorBody(status, 'internal_error', 'Server error (injected fault)');
  return errorBody(status, 'injected_fault', `Injected fault ${status}`);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/** Runs before authentication so faults also hit the token endpoint and unknown routes. */
export function registerFaults(app: FastifyInstance, faults: SandboxFaults): void {
  const lateAnswers = new WeakMap<FastifyRequest, number>();
  const afterAction = new WeakMap<FastifyRequest, FaultSpec>();

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers[REQUEST_ID_HEADER];
    const path = pathOf(request);
    faults.record({ method: request.method, path, requestId: Array.isArray(header) ? header[0] : header });
    const fault = faults.take(request.method, path);
    if (fault === undefined) return;
    const delayMs = fault.delayMs ?? 0;
    if (fault.afterAction === true) {
      afterAction.set(request, fault);
      return;
    }
    if (fault.status === undefined && fault.dropConnection !== true) {
      lateAnswers.set(request, delayMs);
      return;
    }
    if (delayMs > 0) await sleep(delayMs);
    if (fault.dropConnection === true) {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    if (fault.status === undefined) return;
    if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
    return reply.code(fault.status).send(fault.body ?? defaultBody(fault.status));
  });

  // The handler has run (and changed what it changes); only its answer is lost or replaced.
  app.addHook('onSend', async (request, reply, payload) => {
    const fault = afterAction.get(request);
    if (fault === undefined) {
      const delayMs = lateAnswers.get(request);
      if (delayMs !== undefined && delayMs > 0) await sleep(delayMs);
      return payload;
    }
    if (fault.delayMs !== undefined && fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.dropConnection === true) {
      // Nothing reaches the client; what Fastify writes next goes to a destroyed socket and is dropped.
      request.raw.socket.destroy();
      return payload;
    }
    const status = fault.status ?? 500;
    const body = fault.body ?? defaultBody(status);
    reply.code(status).removeHeader('content-length');
    if (fault.retryAfterSeconds !== undefined) reply.header('retry-after', String(fault.retryAfterSeconds));
    // As `reply.send` would have sent it: a string as text, anything else as JSON.
    const text = typeof body === 'string';
    reply.header('content-type', text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
    return text ? body : JSON.stringify(body);
  });
}
