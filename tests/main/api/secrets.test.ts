import { afterEach, describe, expect, it } from 'vitest';
import { ClientCredentialsAuth } from '../../../src/main/api/core/auth';
import { CLIENT_ID, FakeKeycard, SECRET, caught } from './fake-keycard';

let fake: FakeKeycard;
afterEach(async () => {
  await fake.close();
});

const basic = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');

function expectNoSecret(err: Error): void {
  const props: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(err)) props[key] = (err as unknown as Record<string, unknown>)[key];
  const views = [err.message, String(err), JSON.stringify(err), JSON.stringify(props), err.stack ?? ''];
  for (const view of views) {
    expect(view).not.toContain(SECRET);
    expect(view).not.toContain(basic);
  }
}

describe('the client secret', () => {
  const scenarios: Array<[string, (fake: FakeKeycard) => void]> = [
    [
      'refused credentials',
      (f) => f.tokenScript.push({ status: 401, body: { message: 'bad', code: 'invalid_client', status: 401 } }),
    ],
    ['a token endpoint 500', (f) => f.tokenScript.push({ status: 500 }, { status: 500 }, { status: 500 })],
    [
      'a token endpoint connection reset',
      (f) => f.tokenScript.push({ error: 'ECONNRESET' }, { error: 'ECONNRESET' }, { error: 'ECONNRESET' }),
    ],
    ['a malformed token answer', (f) => f.tokenScript.push({ status: 200, body: { token_type: 'Bearer' } })],
    [
      'a 400 echoing the request',
      (f) =>
        f.tokenScript.push({ status: 400, body: { message: 'unsupported', code: 'invalid_request', status: 400 } }),
    ],
    ['an API 401 after refresh', (f) => f.apiScript.push({ status: 401 }, { status: 401 })],
  ];

  for (const [name, arrange] of scenarios) {
    it(`appears in no error and no log line after ${name}`, async () => {
      fake = new FakeKeycard();
      arrange(fake);
      const err = await caught(fake.client().organizations.list());
      expectNoSecret(err);
      expect(fake.logLines.length).toBeGreaterThan(0);
      for (const line of fake.logLines) {
        expect(line).not.toContain(SECRET);
        expect(line).not.toContain(basic);
      }
    });
  }

  it('is not kept in any field of the auth provider', async () => {
    fake = new FakeKeycard();
    const auth = fake.auth();
    await auth.getToken();
    expect(JSON.stringify(auth)).not.toContain(SECRET);
    expect(Object.values(auth).map(String).join()).not.toContain(SECRET);
    expect(auth).toBeInstanceOf(ClientCredentialsAuth);
  });
});
