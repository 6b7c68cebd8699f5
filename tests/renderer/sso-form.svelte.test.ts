import { describe, expect, it } from 'vitest';
import { SsoForm } from '../../src/renderer/src/lib/sso/sso-form.svelte';
import type { SsoConnection } from '../../src/shared/api/sso-connection';
import { SsoEnableInput, SsoUpdateInput, type DiscoveredProvider } from '../../src/shared/ipc/sso';

const ref = { profileId: '0b7e3f1a-4c2d-4e8f-9a6b-1c2d3e4f5a6b', orgId: 'org_1' };
const issuer = 'https://login.example.com';

const discovered: DiscoveredProvider = {
  identifier: issuer,
  protocols: {
    oauth2: {
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      registration_endpoint: null,
      scopes_supported: ['openid', 'email'],
      code_challenge_methods_supported: ['S256'],
    },
    openid: { userinfo_endpoint: `${issuer}/userinfo` },
  },
};

const connection: SsoConnection = {
  id: 'sso_1',
  identifier: issuer,
  client_id: 'orgdesk',
  client_secret_set: true,
  protocols: { oauth2: discovered.protocols.oauth2, openid: discovered.protocols.openid },
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-02T10:00:00Z',
};

describe('enabling', () => {
  it('fills every endpoint from discovery and sends what main validates', () => {
    const form = new SsoForm();
    form.identifier = issuer;
    form.applyDiscovery(discovered);
    expect(form.discoveredFrom).toBe(issuer);
    expect(form.scopes).toBe('openid email');
    form.clientId = '  orgdesk  ';
    form.secretMode = 'typed';
    form.secret = ' secret with spaces ';
    const input = form.enableInput(ref);
    expect(input).toEqual({
      ...ref,
      identifier: issuer,
      client_id: 'orgdesk',
      client_secret: { source: 'typed', value: ' secret with spaces ' },
      protocols: discovered.protocols,
    });
    expect(SsoEnableInput.safeParse(input).success).toBe(true);
  });

  it('enables without a client ID or secret, and reads the clipboard only in main', () => {
    const form = new SsoForm();
    form.identifier = issuer;
    expect(form.enableInput(ref)).toMatchObject({ client_id: null, client_secret: null });
    form.secretMode = 'clipboard';
    expect(form.enableInput(ref)?.client_secret).toEqual({ source: 'clipboard' });
  });

  it('puts each problem next to its field and keeps everything typed', () => {
    const form = new SsoForm();
    form.identifier = 'http://login.example.com';
    form.endpoints.token_endpoint = 'https://user:pw@login.example.com/token';
    form.scopes = 'openid "email"';
    form.secretMode = 'typed';
    form.secret = '';
    expect(form.enableInput(ref)).toBeUndefined();
    expect(form.errors.identifier).toMatch(/https/);
    expect(form.errors.token_endpoint).toMatch(/user name or password/);
    expect(form.errors.scopes).toMatch(/quotes/);
    expect(form.errors.client_secret).toMatch(/cannot be empty/);
    expect(form.firstInvalid).toBe('identifier');
    expect(form.endpoints.token_endpoint).toBe('https://user:pw@login.example.com/token');
    form.clearError('identifier');
    expect(form.errors.identifier).toBeUndefined();
  });

  it('allows plain http only for this machine', () => {
    const form = new SsoForm();
    form.identifier = 'http://127.0.0.1:8080/idp';
    expect(form.issuerToDiscover()).toBe('http://127.0.0.1:8080/idp');
    form.identifier = 'http://idp.internal';
    expect(form.issuerToDiscover()).toBeUndefined();
    expect(form.errors.identifier).toMatch(/localhost/);
  });

  it('places a refusal from main by the field its path names', () => {
    const form = new SsoForm();
    const placed = form.applyFieldIssues([
      { path: 'protocols.oauth2.jwks_uri', message: 'bad jwks' },
      { path: 'protocols.oauth2.scopes_supported.2', message: 'bad scope' },
      { path: 'client_secret', message: 'clipboard empty' },
    ]);
    expect(placed).toBe(true);
    expect(form.errors).toMatchObject({ jwks_uri: 'bad jwks', scopes: 'bad scope', client_secret: 'clipboard empty' });
    expect(form.applyFieldIssues([{ path: 'profileId', message: 'x' }])).toBe(false);
  });
});

describe('editing', () => {
  it('starts from the connection, keeps the secret, and has nothing to save until something changes', () => {
    const form = new SsoForm(connection);
    expect(form.secretMode).toBe('keep');
    expect(form.clientId).toBe('orgdesk');
    expect(form.endpoints.userinfo_endpoint).toBe(`${issuer}/userinfo`);
    expect(form.unchanged).toBe(true);
    expect(form.updateInput(ref)).toEqual(ref);
  });

  it('sends only what changed: the issuer alone', () => {
    const form = new SsoForm(connection);
    form.identifier = 'https://login.example.org';
    expect(form.unchanged).toBe(false);
    expect(form.updateInput(ref)).toEqual({ ...ref, identifier: 'https://login.example.org' });
  });

  it('removes the secret and the client ID with null', () => {
    const form = new SsoForm(connection);
    form.secretMode = 'remove';
    form.clientIdRemoved = true;
    const input = form.updateInput(ref);
    expect(input).toEqual({ ...ref, client_id: null, client_secret: null });
    expect(SsoUpdateInput.safeParse(input).success).toBe(true);
  });

  it('refuses an emptied client ID rather than guessing whether it means remove', () => {
    const form = new SsoForm(connection);
    form.clientId = '   ';
    expect(form.updateInput(ref)).toBeUndefined();
    expect(form.errors.client_id).toMatch(/required \(or remove it\)/);
  });

  it('sends the endpoints as a whole when one changed, scopes compared in order', () => {
    const form = new SsoForm(connection);
    form.endpoints.registration_endpoint = `${issuer}/register`;
    const input = form.updateInput(ref);
    expect(input?.protocols?.oauth2?.registration_endpoint).toBe(`${issuer}/register`);
    expect(input?.protocols?.oauth2?.token_endpoint).toBe(`${issuer}/token`);
    const reordered = new SsoForm(connection);
    reordered.scopes = 'email, openid';
    expect(reordered.updateInput(ref)?.protocols?.oauth2?.scopes_supported).toEqual(['email', 'openid']);
    const cleared = new SsoForm(connection);
    cleared.scopes = '';
    expect(cleared.updateInput(ref)?.protocols?.oauth2?.scopes_supported).toBeNull();
  });
});
