import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { REQUEST_ID_HEADER } from '../../shared/api/common';
import { requireBearer } from './auth';
import { registerErrorHandlers } from './errors';
import { exposureFor } from './exposure';
import { SandboxFaults, registerFaults, type FaultInjector } from './faults';
import { parseQueryString } from './query';
import { registerHostGuard } from './request-guards';
import { PUBLIC_RESOURCE_ROUTES, RESOURCE_ROUTES } from './resources';
import { registerTokenEndpoint } from './resources/tokens/routes';
import { seedSandbox, type SandboxCredential, type SeedOptions, type SeedResult } from './seed';
import { SandboxState } from './state';

export type { FaultInjector, FaultSpec, SeenRequest } from './faults';
export type { SandboxCredential, SandboxMembership, SeedOptions } from './seed';
export { SandboxState } from './state';
export { RemoteHostRefusedError } from './exposure';

export interface SandboxOptions {
  /** Default 127.0.0.1: the sandbox hands out its secrets, so it stays off the network. */
  host?: string;
  /**
   * Lets `host` be a non-loopback address (otherwise refused before listening). The
   * secrets are then generated at random and that host's name is answered too.
   */
  allowRemote?: boolean;
  /** Default 0, an ephemeral port. */
  port?: number;
  seed?: SeedOptions;
  /** Lifetime of issued access tokens (default 3600). */
  tokenTtlSeconds?: number;
  /** Fastify's logger option; off by default so test output stays readable. */
  logger?: FastifyServerOptions['logger'];
}

export interface RunningSandbox {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  /** Every seeded credential, the primary one first. */
  readonly credentials: readonly SandboxCredential[];
  /** Multi-organization login: org_admin in Acme and Globex, org_member in Initech, org_viewer in Umbrella. */
  readonly primaryCredential: SandboxCredential;
  /** Listening on a non-loopback address (`allowRemote`), with random secrets. */
  readonly remote: boolean;
  readonly faults: FaultInjector;
  readonly state: SandboxState;
  close(): Promise<void>;
}

export interface SandboxAppContext {
  readonly state: SandboxState;
  readonly faults: SandboxFaults;
  readonly logger?: FastifyServerOptions['logger'];
  /** Host header names answered besides the loopback ones; none by default. */
  readonly extraHostNames?: readonly string[];
}

export interface SeededSandbox {
  readonly state: SandboxState;
  readonly seed: SeedResult;
}

export interface SeededStateOptions extends Pick<SandboxOptions, 'seed' | 'tokenTtlSeconds'> {
  /** Client secrets from the OS CSPRNG instead of the fixed seed (a sandbox others can reach). */
  randomSecrets?: boolean;
}

export function createSeededState(options: SeededStateOptions = {}): SeededSandbox {
  const state = new SandboxState({
    ...(options.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: options.tokenTtlSeconds }),
    ...(options.randomSecrets === undefined ? {} : { randomSecrets: options.randomSecrets }),
  });
  return { state, seed: seedSandbox(state, options.seed) };
}

/** The Fastify app without listening, so unit tests can use `inject`. */
export function buildSandboxApp(context: SandboxAppContext): FastifyInstance {
  const app = Fastify({
    logger: context.logger ?? false,
    // Without this, `close()` waits for keep-alive sockets and slow injected faults.
    forceCloseConnections: true,
    routerOptions: { querystringParser: parseQueryString },
  });

  // Some clients send `Content-Type: application/json` with no body on POSTs that take
  // none (the token exchange); the vendor accepts that, Fastify's default parser does not.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') done(null, undefined);
    else parseJson(request, text, done);
  });

  registerErrorHandlers(app);
  registerHostGuard(app, context.extraHostNames ?? []);
  registerFaults(app, context.faults);
  app.addHook('onSend', async (request, reply) => {
    const requestId = request.headers[REQUEST_ID_HEADER];
    if (typeof requestId === 'string') reply.header(REQUEST_ID_HEADER, requestId);
  });

  registerTokenEndpoint(app, context.state);
  for (const register of PUBLIC_RESOURCE_ROUTES) register(app, context.state);
  app.register(async (scope) => {
    requireBearer(scope, context.state);
    for (const register of RESOURCE_ROUTES) register(scope, context.state);
  });
  return app;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const exposure = exposureFor(host, options.allowRemote ?? false);
  const { state, seed } = createSeededState({ ...options, randomSecrets: exposure.remote });
  const faults = new SandboxFaults();
  const app = buildSandboxApp({ state, faults, logger: options.logger, extraHostNames: exposure.extraHostNames });
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('sandbox is not listening on a TCP port');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    credentials: seed.credentials,
    primaryCredential: seed.primaryCredential,
    remote: exposure.remote,
    faults,
    state,
    close: () => app.close(),
  };
}
