import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { B64TOKEN } from '../../src/shared/ipc/credentials';
import { ProfileCreateInput, ProfileTestInput, ProfileUpdateInput } from '../../src/shared/ipc/profiles';

const PROFILE_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const FUZZ = { seed: 5, numRuns: 2000 };
/** Any code unit or code point, with the ones that matter drawn often enough to be seen. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      ':',
      '=',
      ' ',
      '\u0000',
      '\n',
      '\u007f',
      '\u0085',
      '\u200b',
      '\uD800',
      '\uDC00',
      'a',
      'Z',
      '9',
      '-',
      '~',
      'é',
      '😀',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

function bearer(token: string) {
  return ProfileCreateInput.safeParse({ name: 'x', color: '#000000', authKind: 'bearer', token });
}

function clientCredentials(clientId: string, clientSecret: string) {
  return ProfileCreateInput.safeParse({
    name: 'x',
    color: '#000000',
    authKind: 'client_credentials',
    clientId,
    clientSecret,
  });
}

function utf8RoundTrip(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

function messagesOf(result: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('bearer tokens', () => {
  it('accepts RFC 6750 b64tokens, trimmed', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYV8xIn0.c2lnbmF0dXJl';
    for (const token of [jwt, 'sbx_Ab-9._~+/==', `  ${jwt}\n`, 'a'.repeat(16384)]) {
      const result = bearer(token);
      expect(result.success, token.slice(0, 20)).toBe(true);
      if (result.success && result.data.authKind === 'bearer') expect(result.data.token).toBe(token.trim());
    }
  });

  it('refuses what an Authorization header cannot carry, by name, without quoting the token', () => {
    const onlyB64 = 'token: The token may only contain letters, digits and - . _ ~ + / (RFC 6750)';
    const cases: Array<[string, string]> = [
      ['abc\u200bdef', onlyB64],
      ['abc\u0000def', onlyB64],
      ['abc\r\nX-Injected: 1', onlyB64],
      ['tok en', onlyB64],
      ['tøken', onlyB64],
      ['tok\u{1F600}', onlyB64],
      ['\uD800abc', onlyB64],
      ['ab=cd', 'token: The token may only have = signs at its end (RFC 6750)'],
      ['Bearer eyJabc', 'token: Paste the token without the word "Bearer" before it'],
      ['a'.repeat(16385), 'token: The token can be at most 16384 characters'],
      ['   ', 'token: Paste the bearer token'],
    ];
    for (const [token, message] of cases) {
      const result = bearer(token);
      expect(messagesOf(result), JSON.stringify(token.slice(0, 20))).toEqual([message]);
    }
  });

  it('accepts exactly the strings that match b64token after trimming (property)', () => {
    fc.assert(
      fc.property(tricky, (raw) => {
        const result = bearer(raw);
        const trimmed = raw.trim();
        expect(result.success).toBe(B64TOKEN.test(trimmed));
        if (result.success && result.data.authKind === 'bearer') {
          const { token } = result.data;
          // What is accepted can always be sent: the platform's own header check agrees.
          expect(() => new Headers({ authorization: `Bearer ${token}` })).not.toThrow();
        }
      }),
      FUZZ,
    );
  });
});

describe('client credentials', () => {
  it('accepts what Keycard issues and any printable Unicode in a secret', () => {
    expect(clientCredentials('sa_0123456789abcdefghijklmn', 'sks_AbCd0123').success).toBe(true);
    expect(clientCredentials(' sa_x ', 'pässwörd with spaces: and colons 😀').success).toBe(true);
    expect(clientCredentials('x'.repeat(255), 's'.repeat(4096)).success).toBe(true);
  });

  it('refuses a client ID with a control character, a colon or a broken character, by name', () => {
    const cases: Array<[string, string]> = [
      ['sa\u0000x', 'clientId: The client ID cannot contain control characters such as tabs or line breaks'],
      ['sa\tx', 'clientId: The client ID cannot contain control characters such as tabs or line breaks'],
      ['sa\u007fx', 'clientId: The client ID cannot contain control characters such as tabs or line breaks'],
      ['sa\u0085x', 'clientId: The client ID cannot contain control characters such as tabs or line breaks'],
      ['sa:x', 'clientId: The client ID cannot contain a colon (:)'],
      ['sa\uDC00x', 'clientId: The client ID contains a broken character (an unpaired surrogate)'],
      ['x'.repeat(256), 'clientId: The client ID can be at most 255 characters'],
    ];
    for (const [clientId, message] of cases)
      expect(messagesOf(clientCredentials(clientId, 'secret')), JSON.stringify(clientId.slice(0, 9))).toEqual([
        message,
      ]);
  });

  it('refuses a client secret the keychain or HTTP would change, by name, without quoting it', () => {
    const control =
      'clientSecret: The client secret cannot contain control characters such as NUL, tabs or line breaks';
    const cases: Array<[string, string]> = [
      ['sks_cut\u0000here', control],
      ['sks_x\n', control],
      ['sks_\u009b', control],
      ['sks_\uD83D', 'clientSecret: The client secret contains a broken character (an unpaired surrogate)'],
      ['s'.repeat(4097), 'clientSecret: The client secret can be at most 4096 characters'],
    ];
    for (const [secret, message] of cases) {
      const messages = messagesOf(clientCredentials('sa_x', secret));
      expect(messages).toEqual([message]);
      expect(messages.join()).not.toContain(secret);
    }
  });

  it('accepts as a Basic credential only what a header can carry (property)', () => {
    fc.assert(
      fc.property(tricky, tricky, (id, secret) => {
        const result = clientCredentials(id, secret);
        if (!result.success || result.data.authKind !== 'client_credentials') return;
        const { clientId, clientSecret } = result.data;
        expect(clientId.split(':')).toHaveLength(1);
        expect(/\p{Cc}/u.test(clientId + clientSecret)).toBe(false);
        // The keychain stores UTF-8: what is accepted survives the round trip unchanged.
        expect(utf8RoundTrip(clientSecret)).toBe(clientSecret);
        expect(utf8RoundTrip(clientId)).toBe(clientId);
      }),
      FUZZ,
    );
  });
});

describe('secrets in an edit', () => {
  it('keeps empty as "keep the stored one" and applies the new-secret rules otherwise', () => {
    expect(ProfileUpdateInput.parse({ id: PROFILE_ID, clientSecret: '', token: '' })).toEqual({
      id: PROFILE_ID,
      clientSecret: '',
      token: '',
    });
    expect(ProfileUpdateInput.parse({ id: PROFILE_ID, token: ' eyJa.b.c ' }).token).toBe('eyJa.b.c');
    expect(messagesOf(ProfileUpdateInput.safeParse({ id: PROFILE_ID, token: 'a b' }))).toEqual([
      'token: The token may only contain letters, digits and - . _ ~ + / (RFC 6750)',
    ]);
    expect(messagesOf(ProfileUpdateInput.safeParse({ id: PROFILE_ID, clientSecret: 'a\u0000b' }))).toEqual([
      'clientSecret: The client secret cannot contain control characters such as NUL, tabs or line breaks',
    ]);
    expect(messagesOf(ProfileUpdateInput.safeParse({ id: PROFILE_ID, clientId: 'a:b' }))).toEqual([
      'clientId: The client ID cannot contain a colon (:)',
    ]);
    expect(ProfileTestInput.safeParse({ id: PROFILE_ID, changes: { clientSecret: 'x\uDFFF' } }).success).toBe(false);
  });
});
