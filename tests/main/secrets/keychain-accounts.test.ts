import { describe, expect, it } from 'vitest';
import {
  credentialAccount,
  MAX_ACCOUNT_LENGTH,
  newProfileSecretAccount,
  parseCredentialAccount,
} from '../../../src/main/secrets/keychain-accounts';

const ref = {
  profileId: '0b7f2c1e-59a3-4a51-9d0e-2b8f7d1c3e44',
  orgId: 'org_01JAX',
  serviceAccountId: 'sa_01JAX',
  credentialId: 'cred_01JAX',
  clientId: 'ci_01JAX',
};

describe('keychain account names', () => {
  it('names a credential secret by its five IDs and reads the name back', () => {
    const account = credentialAccount(ref);
    expect(account).toBe(`credential/v1/${ref.profileId}/org_01JAX/sa_01JAX/cred_01JAX/ci_01JAX`);
    expect(parseCredentialAccount(account)).toEqual(ref);
  });

  it('encodes each part, so a separator inside an ID cannot shift the others', () => {
    const odd = { ...ref, clientId: 'a/b%2Fc', orgId: 'ü ö' };
    const account = credentialAccount(odd);
    expect(account.split('/')).toHaveLength(7);
    expect(parseCredentialAccount(account)).toEqual(odd);
  });

  it('refuses a missing part by name and a name longer than a keychain keeps', () => {
    expect(() => credentialAccount({ ...ref, credentialId: '', clientId: '' })).toThrow(
      expect.objectContaining({
        kind: 'invalid_input',
        fields: [
          { path: 'credentialId', message: 'Required' },
          { path: 'clientId', message: 'Required' },
        ],
      }),
    );
    expect(() => credentialAccount({ ...ref, clientId: 'x'.repeat(MAX_ACCOUNT_LENGTH) })).toThrow(
      expect.objectContaining({ kind: 'invalid_input' }),
    );
  });

  it('reads no credential out of profile items or malformed names', () => {
    expect(parseCredentialAccount(ref.profileId)).toBeUndefined();
    expect(parseCredentialAccount(newProfileSecretAccount(ref.profileId))).toBeUndefined();
    expect(parseCredentialAccount('credential/v1/a/b/c/d')).toBeUndefined();
    expect(parseCredentialAccount('credential/v1/a/b/c/d/e/f')).toBeUndefined();
    expect(parseCredentialAccount('credential/v1/a/b/c/d/%E0%A4%A')).toBeUndefined();
    expect(parseCredentialAccount('credential/v1/a//c/d/e')).toBeUndefined();
    expect(parseCredentialAccount('credential/v2/a/b/c/d/e')).toBeUndefined();
  });

  it('gives each replacement of a profile secret a name of its own', () => {
    const first = newProfileSecretAccount(ref.profileId);
    expect(first.startsWith(`profile/${ref.profileId}/`)).toBe(true);
    expect(newProfileSecretAccount(ref.profileId)).not.toBe(first);
  });
});
