import type { Dispatcher } from 'undici';
import type { Logger } from '../log';
import { BearerAuth, ClientCredentialsAuth, type AuthProvider } from './core/auth';
import { KeycardClient, type KeycardClientOptions } from './core/client';
import type { RequestObserver } from './core/request-observer';

/** How a profile logs in; secrets and pasted tokens are read through callbacks, on use. */
export type Credentials =
  | { type: 'client_credentials'; clientId: string; getSecret: () => Promise<string> }
  | { type: 'bearer'; getToken: () => Promise<string> };

export type CreateKeycardClientOptions = Omit<KeycardClientOptions, 'auth'> & {
  /** Either ready-made credentials or an AuthProvider of your own. */
  credentials: Credentials | AuthProvider;
};

export function createAuth(
  credentials: Credentials,
  options: {
    baseUrl: string;
    dispatcher?: Dispatcher;
    timeoutMs?: number;
    logger?: Logger;
    now?: () => number;
    onRequest?: RequestObserver;
  },
): AuthProvider {
  if (credentials.type === 'bearer') return new BearerAuth({ getToken: credentials.getToken });
  return new ClientCredentialsAuth({ ...options, clientId: credentials.clientId, getSecret: credentials.getSecret });
}

export function createKeycardClient(options: CreateKeycardClientOptions): KeycardClient {
  const { credentials, ...rest } = options;
  const auth = 'getToken' in credentials && 'invalidate' in credentials ? credentials : createAuth(credentials, rest);
  return new KeycardClient({ ...rest, auth });
}

export { BearerAuth, ClientCredentialsAuth, basicAuthorization, TOKEN_PATH } from './core/auth';
export type { AuthProvider, ClientCredentialsAuthOptions } from './core/auth';
export { KeycardClient, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from './core/client';
export type { CallOptions, HttpMethod, KeycardClientOptions, RequestOptions } from './core/client';
export type { ObservedRequest, RequestFailure, RequestObserver } from './core/request-observer';
export {
  ApiError,
  ApiNotFoundError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  UnprocessableEntityError,
  outcomeUnknown,
} from './core/errors';
export { closeAllPools, getPool } from './core/pool';
export { paginate, collect } from './core/paginate';
export { path } from './core/path';
export { Organizations, DEFAULT_EXPAND } from './resources/organizations';
export type * from './resources/organizations';
export { Users } from './resources/users';
export type * from './resources/users';
export { Invitations, PublicInvitations } from './resources/invitations';
export type * from './resources/invitations';
export { Identities } from './resources/identities';
export type * from './resources/identities';
export { Roles } from './resources/roles';
export type * from './resources/roles';
export { ServiceAccounts } from './resources/service-accounts';
export type * from './resources/service-accounts';
export { ServiceAccountCredentials } from './resources/credentials';
export type * from './resources/credentials';
export { SsoConnection } from './resources/sso-connection';
export type { ListAllResponse } from './resources/list-all';
