import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/main/api/core/auth';
import { createLogger, redact, redactText } from '../../src/main/log';
import { newRandomClientSecret } from '../../src/main/sandbox/random';
import { seedSandbox } from '../../src/main/sandbox/seed';
import { SandboxState } from '../../src/main/sandbox/state';

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzYV8wMTIzIiwiZXhwIjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLWJ5dGVz_-';

/** What the sandbox hands out, made the way it makes them, so a change of format fails here. */
function sandboxCredentials() {
  const state = new SandboxState();
  const { primaryCredential } = seedSandbox(state, { usersPerOrg: 1 });
  const { token } = state.tokens.issue(primaryCredential.serviceAccountId);
  return { clientSecret: primaryCredential.clientSecret, token };
}

describe('log redaction by key', () => {
  it('redacts values under credential key names, at any depth', () => {
    expect(
      redact({
        clientSecret: 's',
        access_token: 't',
        headers: { Authorization: 'anything', 'Proxy-Authorization': 'x', 'set-cookie': ['a=b'], accept: 'json' },
        CLIENT_SECRET: 1234,
        'x-api-key': 'k',
        path: '/x',
      }),
    ).toEqual({
      clientSecret: '[redacted]',
      access_token: '[redacted]',
      headers: {
        Authorization: '[redacted]',
        'Proxy-Authorization': '[redacted]',
        'set-cookie': '[redacted]',
        accept: 'json',
      },
      CLIENT_SECRET: '[redacted]',
      'x-api-key': '[redacted]',
      path: '/x',
    });
  });

  it('matches key names exactly, so facts about a secret survive', () => {
    const facts = {
      secretReplaced: true,
      secretStored: false,
      tokenTtl: 3600,
      token_type: 'Bearer',
      expiresIn: 3600,
      passwordPolicy: 'strong',
      authKind: 'client_credentials',
      clientId: 'sa_0123',
      keychainService: 'Orgdesk',
    };
    expect(redact(facts)).toEqual(facts);
  });

  it('walks arrays, arrays of objects included', () => {
    expect(
      redact({
        attempts: [
          { url: '/organizations', headers: [{ name: 'accept' }, { token: 'cs_plain' }] },
          [{ client_secret: 'x', ok: true }],
        ],
      }),
    ).toEqual({
      attempts: [
        { url: '/organizations', headers: [{ name: 'accept' }, { token: '[redacted]' }] },
        [{ client_secret: '[redacted]', ok: true }],
      ],
    });
  });
});

describe('log redaction by shape', () => {
  it('redacts Bearer and Basic credentials inside text, keeping the scheme', () => {
    const basic = basicAuthorization('sa_client', 'cs_secret:with-colon');
    expect(redactText(`sent Authorization: Bearer ${JWT} to api`)).toBe('sent Authorization: Bearer [redacted] to api');
    expect(redactText(`header ${basic}`)).toBe('header Basic [redacted]');
    expect(redactText('bearer abc.DEF-123~+/== then')).toBe('bearer [redacted] then');
    // Prose about credentials is not a credential.
    for (const prose of ['Missing bearer token', 'Paste the Bearer token', 'HTTP Basic authentication failed'])
      expect(redactText(prose)).toBe(prose);
  });

  it('redacts JWTs and the sandbox secrets and tokens wherever they appear', () => {
    const { clientSecret, token } = sandboxCredentials();
    expect(clientSecret).toMatch(/^sks_/);
    expect(token).toMatch(/^sbx_/);
    const text = `login with ${clientSecret} gave ${token}; jwt(${JWT}) unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.`;
    const redacted = redactText(text);
    expect(redacted).toBe('login with [redacted] gave [redacted]; jwt([redacted]) unsigned [redacted]');
    // A sandbox reachable from the network generates its secrets per run, in the same format.
    expect(redactText(`remote secret ${newRandomClientSecret()}.`)).toBe('remote secret [redacted].');
  });

  it('redacts credential parameters in form bodies, query strings and JSON text', () => {
    expect(redactText('grant_type=client_credentials&client_id=sa_1&client_secret=hunter2&x=1')).toBe(
      'grant_type=client_credentials&client_id=sa_1&client_secret=[redacted]&x=1',
    );
    expect(redactText('GET /cb?access_token=hunter2#x')).toBe('GET /cb?access_token=[redacted]#x');
    expect(redactText('body {"access_token": "hun\\"ter2", "expires_in": 3600}')).toBe(
      'body {"access_token": "[redacted]", "expires_in": 3600}',
    );
    // A field issue names a field, it does not carry its value.
    expect(redactText('clientSecret: too_small')).toBe('clientSecret: too_small');
  });

  it('finds a credential parameter right after a `word:` (a URL scheme, a label)', () => {
    // `https:` or `refused:` is read as a key too; its value must not hide the pairs after it.
    expect(redactText('GET https://api.test/cb?access_token=hunter2&x=1')).toBe(
      'GET https://api.test/cb?access_token=[redacted]&x=1',
    );
    expect(redactText('refused: client_secret=hunter2')).toBe('refused: client_secret=[redacted]');
    expect(redactText('next=https://x.test/?token=hunter2')).toBe('next=https://x.test/?token=[redacted]');
    // Still one pass: a long run of pairs costs no more than its length.
    const long = 'a:'.repeat(200_000) + 'token=hunter2';
    expect(redactText(long)).toBe('a:'.repeat(200_000) + 'token=[redacted]');
  });

  it('redacts secret-shaped values in nested arrays of objects and in errors', () => {
    const { clientSecret, token } = sandboxCredentials();
    const cause = new Error(`keytar said: ${clientSecret}`);
    const error = Object.assign(new Error(`request failed: Authorization: Bearer ${token}`, { cause }), {
      code: 'UND_ERR',
    });
    const line = JSON.stringify(
      redact({
        requests: [{ sent: [{ note: `token was ${token}` }], at: new URL(`https://x/cb?token=${token}`) }],
        error,
      }),
    );
    expect(line).not.toContain(token);
    expect(line).not.toContain(clientSecret);
    expect(JSON.parse(line)).toEqual({
      requests: [{ sent: [{ note: 'token was [redacted]' }], at: 'https://x/cb?token=[redacted]' }],
      error: {
        name: 'Error',
        message: 'request failed: Authorization: Bearer [redacted]',
        code: 'UND_ERR',
        cause: { name: 'Error', message: 'keytar said: [redacted]' },
      },
    });
  });
});

describe('log redaction of awkward values', () => {
  it('survives cycles, depth, bigints and throwing getters', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    const shared = { n: 1 };
    let deep: Record<string, unknown> = { secret: 'bottom' };
    for (let i = 0; i < 50; i++) deep = { next: deep };
    const hostile = {
      get boom(): string {
        throw new Error('getter');
      },
    };
    const out = redact({ loop, twice: [shared, shared], deep, big: 10n ** 30n, hostile });
    expect(out.loop).toEqual({ name: 'loop', self: '[circular]' });
    expect(out.twice).toEqual([{ n: 1 }, { n: 1 }]);
    expect(JSON.stringify(out.deep)).toContain('[too deep]');
    expect(out.big).toBe('1000000000000000000000000000000');
    expect(out.hostile).toBe('[unreadable]');
    const lines: string[] = [];
    createLogger((line) => lines.push(line)).error('awkward', { loop, deep, big: 1n });
    expect(lines).toHaveLength(1);
  });
});

describe('log redaction cost', () => {
  it('stays linear on hostile text (no pattern backtracks)', () => {
    const mb = 1_000_000;
    const hostile = [
      'a'.repeat(mb),
      '"a":"'.repeat(mb / 5),
      `"token":"${'a\\'.repeat(mb / 2)}`,
      'eyJ'.repeat(mb / 3),
      'Bearer '.repeat(mb / 7),
      'sks_'.repeat(mb / 4),
    ];
    const started = performance.now();
    for (const text of hostile) redactText(text);
    // About 0.3 s here; a backtracking pattern takes minutes. Generous for a loaded CI box.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('logger', () => {
  it('writes one JSON line per event above the threshold', () => {
    const lines: string[] = [];
    const logger = createLogger((line) => lines.push(line), 'info');
    logger.debug('hidden');
    logger.warn('shown', { error: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      event: 'shown',
      error: { name: 'Error', message: 'boom' },
    });
  });
});
