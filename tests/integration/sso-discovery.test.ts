import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, DeadlineError } from '../../src/main/errors';
import { checkConnection } from '../../src/main/sso/check';
import { DISCOVERY_PATH, DiscoveryError, discoverProvider } from '../../src/main/sso/discovery';
import { SsoEnableBody, type SsoConnection } from '../../src/shared/api/sso-connection';
import { startFakeIdentityProvider, type FakeIdentityProvider } from '../support/fake-identity-provider';

/** OpenID discovery in main against a fake identity provider over HTTP, one variant per rule. */
let idp: FakeIdentityProvider;

beforeAll(async () => {
  idp = await startFakeIdentityProvider();
});
afterAll(async () => {
  await idp?.close();
});

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

async function refusal(issuer: string, options: Parameters<typeof discoverProvider>[1] = {}): Promise<DiscoveryError> {
  const error = await failure(discoverProvider(issuer, { timeoutMs: 2_000, ...options }));
  expect(error).toBeInstanceOf(DiscoveryError);
  return error as DiscoveryError;
}

describe('OpenID discovery', () => {
  it('reads a good document into the form’s fields, ready to enable with', async () => {
    const issuer = idp.issuer('good');
    const found = await discoverProvider(issuer);
    expect(idp.seen.at(-1)).toBe(`/good${DISCOVERY_PATH}`);
    expect(found).toEqual({
      identifier: issuer,
      protocols: {
        oauth2: {
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          registration_endpoint: `${issuer}/register`,
          scopes_supported: ['openid', 'email', 'profile'],
          code_challenge_methods_supported: ['S256', 'plain'],
        },
        openid: { userinfo_endpoint: `${issuer}/userinfo` },
      },
    });
    expect(SsoEnableBody.safeParse({ ...found, client_id: 'app' }).success).toBe(true);
  });

  it('compares the issuer exactly: with its trailing slash it matches, without it does not', async () => {
    const withSlash = `${idp.issuer('trailing-slash')}/`;
    expect((await discoverProvider(withSlash)).identifier).toBe(withSlash);
    expect(idp.seen.at(-1)).toBe(`/trailing-slash${DISCOVERY_PATH}`);
    const without = await refusal(idp.issuer('trailing-slash'));
    expect(without.code).toBe('issuer_mismatch');
  });

  it('refuses a document naming another issuer', async () => {
    const error = await refusal(idp.issuer('issuer-mismatch'));
    expect(error).toMatchObject({ code: 'issuer_mismatch', kind: 'unexpected_response' });
    expect(error.message).toContain(`"${idp.url}/someone-else"`);
    expect(error.message).toContain(`"${idp.issuer('issuer-mismatch')}"`);
  });

  it('refuses an answer that is not JSON', async () => {
    expect((await refusal(idp.issuer('not-json'))).code).toBe('not_json');
  });

  it('gives up on a provider too slow to answer', async () => {
    const error = await refusal(idp.issuer('slow'), { timeoutMs: 200 });
    expect(error).toMatchObject({ code: 'timed_out', kind: 'timeout' });
  });

  it('says timed_out when the action’s own budget ends, and passes a cancel through', async () => {
    const deadline = new AbortController();
    const pending = failure(discoverProvider(idp.issuer('slow'), { timeoutMs: 60_000 }, { signal: deadline.signal }));
    deadline.abort(new DeadlineError(1_000));
    expect(await pending).toMatchObject({ code: 'timed_out', kind: 'timeout' });

    const cancel = new AbortController();
    const cancelled = failure(discoverProvider(idp.issuer('slow'), { timeoutMs: 60_000 }, { signal: cancel.signal }));
    cancel.abort();
    expect(await cancelled).toBeInstanceOf(CancelledError);
  });

  it('refuses a document over the size limit, declared or streamed', async () => {
    for (const variant of ['huge', 'huge-undeclared'] as const) {
      const error = await refusal(idp.issuer(variant));
      expect(error.code, variant).toBe('too_large');
      expect(error.message).toContain('512 KB');
    }
    expect((await refusal(idp.issuer('good'), { maxBytes: 100 })).code).toBe('too_large');
  });

  it('refuses a redirect to another origin, follows one within it, and stops a loop', async () => {
    const away = await refusal(idp.issuer('redirect-away'));
    expect(away.code).toBe('redirected');
    expect(away.message).toContain(idp.url.replace('127.0.0.1', 'localhost'));

    const within = await discoverProvider(idp.issuer('redirect-within'));
    expect(within.identifier).toBe(idp.issuer('redirect-within'));
    expect(idp.seen.slice(-2)).toEqual([`/redirect-within${DISCOVERY_PATH}`, '/redirect-within/moved']);

    const before = idp.seen.length;
    expect((await refusal(idp.issuer('redirect-loop'))).code).toBe('redirected');
    expect(idp.seen.length - before).toBe(4);
  });

  it('never requests the other origin a redirect points to', async () => {
    const before = idp.seen.length;
    await refusal(idp.issuer('redirect-away'));
    expect(idp.seen.slice(before)).toEqual([`/redirect-away${DISCOVERY_PATH}`]);
  });

  it('refuses a provider that cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await refusal(`http://127.0.0.1:${port}/realm`);
    expect(error).toMatchObject({ code: 'unreachable', kind: 'network' });
  });

  it('refuses a plain-http issuer off this machine before any request, by field', async () => {
    const before = idp.seen.length;
    const error = await refusal('http://idp.example.com/realm');
    expect(error).toMatchObject({ code: 'not_https', kind: 'invalid_input' });
    expect(error.fields).toEqual([{ path: 'identifier', message: expect.stringMatching(/https/) }]);
    for (const bad of [
      '',
      'not a url',
      'https://user:pw@idp.example.com',
      `https://idp.example.com/${'a'.repeat(2048)}`,
    ]) {
      expect((await refusal(bad)).code, bad).toBe('invalid_issuer');
    }
    expect(idp.seen.length).toBe(before);
  });

  it('refuses a document naming a plain-http endpoint, or scopes that are not words', async () => {
    const http = await refusal(idp.issuer('http-endpoint'));
    expect(http.code).toBe('not_https');
    expect(http.message).toContain('token_endpoint');
    expect((await refusal(idp.issuer('bad-scopes'))).code).toBe('invalid_document');
  });

  it('says what answered when there is no document', async () => {
    const error = await refusal(idp.issuer('missing'));
    expect(error).toMatchObject({ code: 'http_status', status: 404 });
  });
});

describe('checking a connection against its provider', () => {
  async function heldAs(variant: 'good' | 'jwks-gone' | 'jwks-empty'): Promise<SsoConnection> {
    const found = await discoverProvider(idp.issuer(variant));
    return {
      id: 'conn',
      identifier: found.identifier,
      client_id: 'app',
      client_secret_set: true,
      protocols: found.protocols,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    };
  }

  it('finds nothing to report when Keycard holds what the provider publishes, scopes in any order', async () => {
    const held = await heldAs('good');
    const scopes = held.protocols?.oauth2?.scopes_supported ?? [];
    const reordered = {
      ...held,
      protocols: { ...held.protocols, oauth2: { ...held.protocols?.oauth2, scopes_supported: [...scopes].reverse() } },
    };
    const check = await checkConnection(reordered);
    expect(check.differences).toEqual([]);
    expect(check.jwks).toEqual({ status: 'ok', keys: 1 });
  });

  it('names each drifted field with both values', async () => {
    const held = await heldAs('good');
    const issuer = idp.issuer('good');
    const drifted: SsoConnection = {
      ...held,
      protocols: {
        oauth2: { ...held.protocols?.oauth2, token_endpoint: `${issuer}/old-token`, scopes_supported: ['openid'] },
        openid: null,
      },
    };
    const check = await checkConnection(drifted);
    expect(check.differences).toEqual([
      { field: 'token_endpoint', held: `${issuer}/old-token`, discovered: `${issuer}/token` },
      { field: 'scopes_supported', held: ['openid'], discovered: ['openid', 'email', 'profile'] },
      { field: 'userinfo_endpoint', held: null, discovered: `${issuer}/userinfo` },
    ]);
  });

  it('reports a JWKS that no longer answers, and one it would not ask over plain http', async () => {
    const gone = await checkConnection(await heldAs('jwks-gone'));
    expect(gone.differences).toEqual([]);
    expect(gone.jwks).toMatchObject({ status: 'failed', code: 'http_status' });
    const empty = await checkConnection(await heldAs('jwks-empty'));
    expect(empty.jwks).toMatchObject({ status: 'failed', code: 'invalid_document', message: /no keys/ });
    const held = await heldAs('good');
    const before = idp.seen.length;
    const insecure = await checkConnection({
      ...held,
      protocols: { ...held.protocols, oauth2: { ...held.protocols?.oauth2, jwks_uri: 'http://keys.example.com/jwks' } },
    });
    expect(insecure.jwks).toMatchObject({ status: 'failed', code: 'not_https' });
    expect(insecure.differences.map((d) => d.field)).toEqual(['jwks_uri']);
    expect(idp.seen.slice(before)).toEqual([`/good${DISCOVERY_PATH}`]);
    const none = await checkConnection({ ...held, protocols: null });
    expect(none.jwks).toEqual({ status: 'absent' });
  });

  it('throws the discovery failure when the issuer no longer serves its document', async () => {
    const held = await heldAs('good');
    const error = await failure(checkConnection({ ...held, identifier: idp.issuer('issuer-mismatch') }));
    expect(error).toMatchObject({ code: 'issuer_mismatch' });
  });
});
