import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SSO_TOKEN_LIST_MAX,
  SSO_URL_MAX,
  SsoConnection,
  SsoEnableBody,
  SsoIssuer,
  SsoScopes,
  SsoUpdateBody,
  ssoUrlIssue,
} from '../../src/shared/api/sso-connection';

const issues = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } } },
  value: unknown,
) => schema.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];

describe('SSO URLs', () => {
  it('takes https anywhere and plain http only to this machine', () => {
    for (const ok of [
      'https://login.example.com',
      'https://login.example.com/tenant/v2.0',
      'http://localhost:8080/realms/acme',
      'http://127.0.0.1:9000',
      'http://[::1]:9000/idp',
    ]) {
      expect(ssoUrlIssue(ok), ok).toBeUndefined();
      expect(SsoIssuer.safeParse(ok).success, ok).toBe(true);
    }
    expect(ssoUrlIssue('http://login.example.com')).toBe('not_https');
    expect(ssoUrlIssue('http://127.0.0.2')).toBe('not_https');
    expect(ssoUrlIssue('http://localhost.example.com')).toBe('not_https');
    expect(ssoUrlIssue('ftp://login.example.com')).toBe('not_https');
    expect(ssoUrlIssue('javascript:alert(1)')).toBe('not_https');
    expect(ssoUrlIssue('/relative/path')).toBe('not_url');
    expect(ssoUrlIssue('https://u:p@login.example.com')).toBe('userinfo');
    expect(ssoUrlIssue('https://u@login.example.com')).toBe('userinfo');
  });

  it('refuses an issuer over 2048 characters and takes one of exactly 2048', () => {
    const base = 'https://login.example.com/';
    expect(SsoIssuer.safeParse(base + 'a'.repeat(SSO_URL_MAX - base.length)).success).toBe(true);
    const long = SsoIssuer.safeParse(base + 'a'.repeat(SSO_URL_MAX - base.length + 1));
    expect(long.error?.issues[0]?.message).toMatch(/2048/);
  });

  it('refuses every plain-http host that is not loopback', () => {
    fc.assert(
      fc.property(fc.domain(), (host) => {
        fc.pre(host !== 'localhost');
        expect(SsoIssuer.safeParse(`http://${host}/`).success).toBe(false);
        expect(SsoIssuer.safeParse(`https://${host}/`).success).toBe(true);
      }),
    );
  });
});

describe('SSO bodies', () => {
  it('names the field of every bad value', () => {
    expect(issues(SsoEnableBody, { identifier: 'http://idp.example.com', client_id: 'a' })).toEqual(['identifier']);
    expect(issues(SsoEnableBody, { identifier: 'https://idp.example.com' })).toEqual(['client_id']);
    expect(
      issues(SsoEnableBody, {
        identifier: 'https://idp.example.com',
        client_id: 'a',
        client_secret: '',
        protocols: {
          oauth2: { jwks_uri: 'http://idp.example.com/jwks', scopes_supported: ['ok', ''] },
          openid: { userinfo_endpoint: 'nope' },
        },
      }),
    ).toEqual([
      'client_secret',
      'protocols.oauth2.jwks_uri',
      'protocols.oauth2.scopes_supported.1',
      'protocols.openid.userinfo_endpoint',
    ]);
    expect(issues(SsoUpdateBody, { client_id: ' \t ' })).toEqual(['client_id']);
    expect(issues(SsoUpdateBody, { client_id: 'a\nb' })).toEqual(['client_id']);
    expect(issues(SsoUpdateBody, { client_secret: 's\u0000' })).toEqual(['client_secret']);
  });

  it('keeps null as "remove" and absent as "keep" in an update', () => {
    expect(SsoUpdateBody.parse({ client_id: null, client_secret: null })).toEqual({
      client_id: null,
      client_secret: null,
    });
    expect(SsoUpdateBody.parse({})).toEqual({});
  });

  it('never puts the secret in a message', () => {
    const secret = `secret-${'z'.repeat(5000)}`;
    const result = SsoUpdateBody.safeParse({ client_secret: secret });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain('secret-zzz');
  });

  it('takes scope and PKCE words only: no spaces, quotes or backslashes, at most 200 of them', () => {
    expect(SsoScopes.safeParse(['openid', 'offline_access', 'api://default/read']).success).toBe(true);
    for (const bad of [[''], ['two words'], ['"q"'], ['a\\b'], ['é']]) {
      expect(SsoScopes.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(SsoScopes.safeParse(Array.from({ length: SSO_TOKEN_LIST_MAX }, (_, i) => `s${i}`)).success).toBe(true);
    expect(SsoScopes.safeParse(Array.from({ length: SSO_TOKEN_LIST_MAX + 1 }, (_, i) => `s${i}`)).success).toBe(false);
  });

  it('reads a connection as answered, and has no place for the secret', () => {
    const answered = SsoConnection.parse({
      id: 'abc',
      identifier: 'https://idp.example.com',
      client_id: null,
      client_secret_set: true,
      client_secret: 'should-not-be-kept',
      protocols: { oauth2: { token_endpoint: null, scopes_supported: null }, openid: null },
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    });
    expect('client_secret' in answered).toBe(false);
  });
});
