import { afterEach, describe, expect, it } from 'vitest';
import { BearerAuth, ClientCredentialsAuth, basicAuthorization } from '../../../src/main/api/core/auth';
import { AuthenticationError } from '../../../src/main/api/core/errors';
import { CLIENT_ID, FakeKeycard, ORG, SECRET, caught, page } from './fake-keycard';

let fake: FakeKeycard;
afterEach(async () => {
  await fake.close();
});

const refused = { status: 401, body: { message: 'Token expired', code: 'unauthorized', status: 401 } };

describe('ClientCredentialsAuth', () => {
  it('posts grant_type=client_credentials with HTTP Basic to {base}/service-account-token', async () => {
    fake = new FakeKeycard();
    await fake.client().organizations.list();
    const [token] = fake.tokenRequests;
    expect(token?.method).toBe('POST');
    expect(token?.path).toBe('/service-account-token');
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token?.body).toBe('grant_type=client_credentials');
    expect(token?.headers.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64')}`);
    // Form-encoded first (RFC 6749 §2.3.1); the same bytes as the raw pair for URL-safe values.
    expect(basicAuthorization('sa_abc', 'sks_XYZ09')).toBe(
      'Basic ' + Buffer.from('sa_abc:sks_XYZ09').toString('base64'),
    );
    // Raw, as keycard-api.md and the vendor's SDKs have it: no form-encoding of either part.
    expect(basicAuthorization('sa_1', 'p+q %/é')).toBe('Basic ' + Buffer.from('sa_1:p+q %/é').toString('base64'));
  });

  it('reads the secret through the callback each time a token is fetched', async () => {
    fake = new FakeKeycard();
    let reads = 0;
    const counting = new ClientCredentialsAuth({
      baseUrl: fake.base,
      clientId: CLIENT_ID,
      getSecret: async () => {
        reads += 1;
        return SECRET;
      },
      dispatcher: fake.agent,
      now: () => fake.clock,
    });
    await counting.getToken();
    await counting.getToken();
    expect(reads).toBe(1);
    counting.clear();
    await counting.getToken();
    expect(reads).toBe(2);
  });

  it('caches the token until 30 s before expires_in', async () => {
    fake = new FakeKeycard();
    const client = fake.client();
    await client.organizations.list();
    fake.clock += 3600_000 - 31_000;
    await client.organizations.list();
    expect(fake.tokenRequests).toHaveLength(1);
    fake.clock += 2_000;
    await client.organizations.list();
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests[2]?.headers.authorization).toBe('Bearer tok-2');
  });

  it('uses a 10 % margin for short-lived tokens', async () => {
    fake = new FakeKeycard();
    fake.tokenScript.push(fake.freshToken(60));
    const client = fake.client();
    await client.organizations.list();
    fake.clock += 53_000;
    await client.organizations.list();
    expect(fake.tokenRequests).toHaveLength(1);
    fake.clock += 2_000;
    await client.organizations.list();
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('keeps a token without expires_in until a 401', async () => {
    fake = new FakeKeycard();
    fake.tokenScript.push(fake.freshToken(null));
    const client = fake.client();
    await client.organizations.list();
    fake.clock += 365 * 24 * 3600_000;
    await client.organizations.list();
    expect(fake.tokenRequests).toHaveLength(1);
    fake.apiScript.push(refused);
    await client.organizations.list();
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('shares one token request among 10 concurrent calls', async () => {
    fake = new FakeKeycard();
    const client = fake.client();
    await Promise.all(Array.from({ length: 10 }, () => client.organizations.list()));
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(10);
    expect(new Set(fake.apiRequests.map((r) => r.headers.authorization))).toEqual(new Set(['Bearer tok-1']));
  });

  it('on a 401 fetches a new token once and retries, for a POST too', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push(refused, { status: 201, body: ORG });
    const org = await fake.client().organizations.create({ name: 'Acme' });
    expect(org.id).toBe(ORG.id);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(fake.sleeps).toEqual([]);
  });

  it('a second 401 is an AuthenticationError', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push(refused, refused, { status: 200, body: page([]) });
    const err = await caught(fake.client().organizations.list());
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as AuthenticationError).kind).toBe('auth');
    expect(err.message).toBe('Token expired');
    expect((err as AuthenticationError).requestId).toBe(fake.apiRequests[1]?.headers['x-client-request-id']);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests).toHaveLength(2);
  });

  it('concurrent 401s with the same stale token share one refresh', async () => {
    fake = new FakeKeycard();
    const client = fake.client();
    await client.organizations.list();
    fake.apiScript.push(refused, refused, refused);
    await Promise.all([client.organizations.list(), client.organizations.list(), client.organizations.list()]);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('refused credentials name the server, not the secret, and are not retried', async () => {
    fake = new FakeKeycard();
    fake.tokenScript.push({ status: 401, body: { message: 'invalid client', code: 'invalid_client', status: 401 } });
    const err = await caught(fake.client().organizations.list());
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.message).toBe('The client ID or secret was refused by https://keycard.test.');
    expect((err as AuthenticationError).code).toBe('invalid_client');
    expect((err as AuthenticationError).requestId).toBe(fake.tokenRequests[0]?.headers['x-client-request-id']);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.apiRequests).toHaveLength(0);
  });
});

describe('BearerAuth', () => {
  it('sends the pasted token, and a 401 is final', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 401, body: '' }, { status: 200, body: page([]) });
    const err = await caught(fake.bearerClient('pasted').organizations.list());
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err.message).toBe(
      'The access token was refused by https://keycard.test. Log in again or paste a new token.',
    );
    expect(fake.apiRequests).toHaveLength(1);
    expect(fake.apiRequests[0]?.headers.authorization).toBe('Bearer pasted');
    expect(fake.tokenRequests).toHaveLength(0);
  });
});

describe('BearerAuth token source', () => {
  it('asks its source once per client, and again after a failed read or clear()', async () => {
    let reads = 0;
    let fail = true;
    const auth = new BearerAuth({
      getToken: async () => {
        reads += 1;
        if (fail) throw new Error('keychain locked');
        return 'pasted';
      },
    });
    await expect(auth.getToken()).rejects.toThrow('keychain locked');
    fail = false;
    expect(await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()])).toEqual([
      'pasted',
      'pasted',
      'pasted',
    ]);
    expect(reads).toBe(2);
    auth.clear();
    await auth.getToken();
    expect(reads).toBe(3);
  });
});
