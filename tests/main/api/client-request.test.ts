import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnexpectedResponseError } from '../../../src/main/api/core/errors';
import { path } from '../../../src/main/api/core/path';
import { buildQuery } from '../../../src/main/api/core/query';
import { FakeKeycard, ORG, UUID, caught, page } from './fake-keycard';

let fake: FakeKeycard;
afterEach(async () => {
  await fake.close();
});

describe('KeycardClient requests', () => {
  it('sends a request ID, the bearer token and Accept on every request', async () => {
    fake = new FakeKeycard();
    const client = fake.client();
    await client.organizations.list();
    await client.organizations.list();
    const [first, second] = fake.apiRequests;
    expect(first?.headers['x-client-request-id']).toMatch(UUID);
    expect(second?.headers['x-client-request-id']).toMatch(UUID);
    expect(first?.headers['x-client-request-id']).not.toBe(second?.headers['x-client-request-id']);
    expect(first?.headers.authorization).toBe('Bearer tok-1');
    expect(first?.headers.accept).toBe('application/json');
  });

  it('spells expand as expand[] (percent-encoded), repeats arrays and skips undefined', async () => {
    fake = new FakeKeycard();
    await fake.client().organizations.list({ limit: 5, after: undefined });
    expect(fake.apiRequests[0]?.path).toBe('/organizations?limit=5&expand%5B%5D=permissions');
    expect(buildQuery({ 'expand[]': ['permissions', 'total_count'], role: undefined })).toBe(
      '?expand%5B%5D=permissions&expand%5B%5D=total_count',
    );
    expect(buildQuery({ a: undefined })).toBe('');
  });

  it('sends JSON bodies with a content type', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 201, body: ORG });
    await fake.client().organizations.create({ name: 'Acme' });
    const request = fake.apiRequests[0];
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toBe('{"name":"Acme"}');
  });

  it('encodes path segments', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 200, body: ORG });
    await fake.client().organizations.retrieve('a/b?c', { expand: [] });
    expect(fake.apiRequests[0]?.path).toBe('/organizations/a%2Fb%3Fc');
    expect(() => path`/organizations/${'..'}`).toThrow(TypeError);
    expect(() => path`/organizations/${''}`).toThrow(TypeError);
  });

  it('keeps a base URL path prefix for API calls and the token URL', async () => {
    fake = new FakeKeycard('https://keycard.test/api/');
    await fake.client().organizations.list({ expand: [] });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/service-account-token',
      'GET /api/organizations',
    ]);
  });

  it('answers undefined for 204', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 204 });
    const result = await fake.client().request({ method: 'DELETE', path: '/organizations/x/users/y' });
    expect(result).toBeUndefined();
  });

  it('names the offending field of an unexpected response, with the request ID', async () => {
    fake = new FakeKeycard();
    const { label: _label, ...noLabel } = ORG;
    fake.apiScript.push({ status: 200, body: page([noLabel]) });
    const err = await caught(fake.client().organizations.list());
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect(err.message).toBe('Unexpected response from GET /organizations: items.0.label is required');
    const typed = err as UnexpectedResponseError;
    expect(typed.kind).toBe('unexpected_response');
    expect(typed.requestId).toBe(fake.apiRequests[0]?.headers['x-client-request-id']);
    expect(typed.issues[0]?.path).toBe('items.0.label');
  });

  it('reports a wrong type and a non-JSON body', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 200, body: { ...ORG, sso_enabled: 'yes' } }, { status: 200, body: '<html>' });
    const client = fake.client();
    const wrongType = await caught(client.organizations.retrieve('acme'));
    expect(wrongType.message).toMatch(/^Unexpected response from GET \/organizations\/acme: sso_enabled is invalid/);
    const notJson = await caught(client.organizations.retrieve('acme'));
    expect(notJson.message).toBe('Unexpected response from GET /organizations/acme: the body is not JSON');
  });

  it('tolerates unknown extra fields', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 200, body: { ...ORG, brand_new_field: { nested: 1 } } });
    const org = await fake.client().organizations.retrieve('acme');
    expect(org.label).toBe('acme');
  });

  it('parses with the given schema', async () => {
    fake = new FakeKeycard();
    fake.apiScript.push({ status: 200, body: { n: 1 } });
    const value = await fake.client().request({ method: 'GET', path: '/x', schema: z.object({ n: z.number() }) });
    expect(value).toEqual({ n: 1 });
  });

  it('logs method, path, status, request ID, attempt and ms, and no headers', async () => {
    fake = new FakeKeycard();
    await fake.client().organizations.list();
    const line = fake.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'api.request');
    expect(line).toMatchObject({ method: 'GET', path: '/organizations', status: 200, attempt: 1 });
    expect(line?.requestId).toMatch(UUID);
    expect(typeof line?.ms).toBe('number');
    expect(fake.logLines.join('\n')).not.toMatch(/tok-1|Bearer|Basic/);
  });
});
