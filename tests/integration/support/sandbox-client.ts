import { createKeycardClient, type KeycardClient } from '../../../src/main/api';
import type { RunningSandbox } from '../../../src/main/sandbox/server';

/** Fast enough to fail a test, not a user: short timeouts, retries without waiting. */
const TEST_CLIENT = { timeoutMs: 5_000, sleep: async () => {} };

/** An API client that signs in to the sandbox with a client ID and secret. */
export function sandboxLogin(sandbox: RunningSandbox, clientId: string, secret: string): KeycardClient {
  return createKeycardClient({
    baseUrl: sandbox.url,
    credentials: { type: 'client_credentials', clientId, getSecret: async () => secret },
    ...TEST_CLIENT,
  });
}

/** An API client that calls the sandbox with a bearer token it was given. */
export function sandboxBearer(sandbox: RunningSandbox, token: string): KeycardClient {
  return createKeycardClient({
    baseUrl: sandbox.url,
    credentials: { type: 'bearer', getToken: async () => token },
    ...TEST_CLIENT,
  });
}
