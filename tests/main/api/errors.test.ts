import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  ApiNotFoundError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../../../src/main/api/core/errors';
import { OrgdeskError } from '../../../src/main/errors';
import { FakeKeycard, caught } from './fake-keycard';

let fake: FakeKeycard;
afterEach(async () => {
  await fake.close();
});

describe('error classes', () => {
  const cases = [
    [400, BadRequestError, 'api'],
    [401, AuthenticationError, 'auth'],
    [403, PermissionDeniedError, 'api'],
    [404, ApiNotFoundError, 'api'],
    [409, ConflictError, 'api'],
    [422, UnprocessableEntityError, 'api'],
    [429, RateLimitError, 'api'],
    [500, InternalServerError, 'api'],
    [503, InternalServerError, 'api'],
    [418, ApiError, 'api'],
  ] as const;

  for (const [status, Class, kind] of cases) {
    it(`maps ${status} to ${Class.name} with the server's message, code and the request ID`, async () => {
      fake = new FakeKeycard();
      for (let i = 0; i < 3; i += 1) {
        fake.apiScript.push({ status, body: { message: `Server says ${status}`, code: `code_${status}`, status } });
      }
      const err = await caught(fake.bearerClient('t', { maxRetries: 0 }).organizations.retrieve('acme'));
      expect(err).toBeInstanceOf(Class);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toBeInstanceOf(OrgdeskError);
      const api = err as ApiError;
      expect(api.kind).toBe(kind);
      expect(api.status).toBe(status);
      expect(api.message).toBe(`Server says ${status}`);
      expect(api.serverMessage).toBe(`Server says ${status}`);
      expect(api.code).toBe(`code_${status}`);
      expect(api.requestId).toBe(fake.apiRequests[0]?.headers['x-client-request-id']);
      expect(api.toIpcError()).toMatchObject({ kind, status, code: `code_${status}`, requestId: api.requestId });
    });
  }

  it('falls back to the status when the body is not the error shape', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 404, body: '<html>not here</html>' });
    const err = await caught(fake.client().organizations.retrieve('nope'));
    expect(err).toBeInstanceOf(ApiNotFoundError);
    expect(err.message).toBe('The Keycard API answered 404 Not Found.');
    expect((err as ApiError).code).toBeUndefined();
  });
});
