import { describe, expect, it } from 'vitest';
import { InvitationCreateBody, InvitationEmail, MAX_EMAIL_LENGTH } from '../../src/shared/api/invitations';
import { UserUpdateBody } from '../../src/shared/api/users';

function refusal(value: unknown): string | undefined {
  const result = InvitationEmail.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('InvitationEmail', () => {
  it('accepts an address and trims the spaces around it', () => {
    expect(InvitationEmail.parse('  ada.lovelace@acme.example ')).toBe('ada.lovelace@acme.example');
  });

  it.each([
    ['', /required/],
    ['   ', /required/],
    ['not-an-email', /email address/],
    ['a@b@c.example', /email address/],
    ['ada@acme.example\u202Egpj', /text-direction/],
    ['ada\u0000@acme.example', /control characters/],
    ['ada\t@acme.example', /control characters/],
    ['ada\uD800@acme.example', /broken character/],
    [`${'a'.repeat(MAX_EMAIL_LENGTH)}@acme.example`, /at most 254/],
  ])('refuses %j by name', (value, message) => {
    expect(refusal(value)).toMatch(message);
  });

  it('refuses a pasted megabyte on its length', () => {
    expect(refusal('a'.repeat(1_000_000))).toMatch(/at most 254/);
  });

  it('is required with a known role in a create body', () => {
    expect(InvitationCreateBody.safeParse({ email: 'ada@acme.example', role: 'org_member' }).success).toBe(true);
    expect(InvitationCreateBody.safeParse({ email: 'ada@acme.example', role: 'zone_manager' }).success).toBe(false);
    expect(InvitationCreateBody.safeParse({ role: 'org_member' }).success).toBe(false);
  });
});

describe('UserUpdateBody', () => {
  it('takes a role, a status, both or neither, and nothing unknown as a role', () => {
    expect(UserUpdateBody.parse({})).toEqual({});
    expect(UserUpdateBody.parse({ role: 'org_viewer', status: 'disabled' })).toEqual({
      role: 'org_viewer',
      status: 'disabled',
    });
    expect(UserUpdateBody.safeParse({ role: 'owner' }).success).toBe(false);
    expect(UserUpdateBody.safeParse({ status: 'pending' }).success).toBe(false);
  });
});
