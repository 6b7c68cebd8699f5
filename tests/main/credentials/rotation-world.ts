import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiErrorFor } from '../../../src/main/api/core/errors';
import { CredentialRotation, type RotationPort } from '../../../src/main/credentials/rotation';
import { RotationJournal, type RotationRecord } from '../../../src/main/credentials/rotation-journal';
import { createLogger } from '../../../src/main/log';
import { KeychainError } from '../../../src/main/secrets/secret-store';

export type PortMethod = keyof RotationPort;

/**
 * How a port method misbehaves, once: fail before acting, act then fail (the answer lost), or
 * never answer — before or after acting — which is how a crash looks from inside the process.
 */
export interface Fault {
  when: 'before' | 'after' | 'hang_before' | 'hang_after';
  error?: Error;
}

interface ServerCredential {
  id: string;
  clientId: string;
  name: string;
  secret: string;
}

export const OLD = { id: 'cred_old', clientId: 'ci_old', name: 'deploy bot' };
export const TARGET = {
  profileId: '0b7f2c1e-59a3-4a51-9d0e-2b8f7d1c3e44',
  orgId: 'org_acme',
  serviceAccountId: 'sa_ci',
  credentialId: OLD.id,
  clientId: OLD.clientId,
  name: OLD.name,
};

/** A promise that never settles: a step under way when the process died. */
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * The server, the keychain and the profiles a rotation touches, in memory, with faults on
 * demand. It remembers every secret it issued so tests can look for them where they must not be.
 */
export class RotationWorld {
  readonly server = new Map<string, ServerCredential>();
  readonly keychain = new Map<string, string>();
  keychainLocked = false;
  /** Profile ID → the client ID and secret it signs in with. */
  readonly profiles = new Map<string, { clientId: string; secret: string }>();
  readonly calls: PortMethod[] = [];
  readonly faults = new Map<PortMethod, Fault>();
  readonly secrets: string[] = [];
  readonly revoked: string[] = [];
  #created = 0;

  constructor() {
    const oldSecret = this.#secret('old');
    this.server.set(OLD.id, { ...OLD, secret: oldSecret });
    this.keychain.set(OLD.id, oldSecret);
    this.profiles.set('profile-a', { clientId: OLD.clientId, secret: oldSecret });
    this.profiles.set('profile-b', { clientId: OLD.clientId, secret: oldSecret });
    this.profiles.set('profile-other', { clientId: 'ci_other', secret: this.#secret('other') });
  }

  fail(method: PortMethod, fault: Fault): this {
    this.faults.set(method, fault);
    return this;
  }

  /** Credentials on the server other than the old one: what a rotation created. */
  newCredentials(): ServerCredential[] {
    return [...this.server.values()].filter((c) => c.id !== OLD.id);
  }

  oldIsWorking(): boolean {
    return this.server.has(OLD.id);
  }

  port(): RotationPort {
    return {
      createCredential: (name) =>
        this.#run('createCredential', () => {
          this.#created += 1;
          const credential = {
            id: `cred_new_${this.#created}`,
            clientId: `ci_new_${this.#created}`,
            name,
            secret: this.#secret(`new_${this.#created}`),
          };
          this.server.set(credential.id, credential);
          return { id: credential.id, clientId: credential.clientId, clientSecret: credential.secret };
        }),
      findCredentialsNamed: (name) =>
        this.#run('findCredentialsNamed', () =>
          [...this.server.values()].filter((c) => c.name === name).map(({ id, clientId }) => ({ id, clientId })),
        ),
      storeSecret: (credential, secret) =>
        this.#run('storeSecret', () => {
          if (this.keychainLocked) throw new KeychainError('save the secret', new Error('collection is locked'));
          this.keychain.set(credential.id, secret);
        }),
      readSecret: (credential) =>
        this.#run('readSecret', () => (this.keychainLocked ? null : (this.keychain.get(credential.id) ?? null))),
      deleteSecret: (credential) =>
        this.#run('deleteSecret', () => {
          if (this.keychainLocked) throw new KeychainError('delete the secret', new Error('collection is locked'));
          this.keychain.delete(credential.id);
        }),
      verifyLogin: (clientId, secret) =>
        this.#run('verifyLogin', () => {
          const credential = [...this.server.values()].find((c) => c.clientId === clientId);
          if (!credential || credential.secret !== secret) {
            throw apiErrorFor(401, { serverMessage: 'Invalid client credentials.' });
          }
        }),
      repointProfiles: (fromClientId, to) =>
        this.#run('repointProfiles', () => {
          const moved = [...this.profiles].filter(([, p]) => p.clientId === fromClientId).map(([id]) => id);
          for (const id of moved) this.profiles.set(id, { clientId: to.clientId, secret: to.secret });
          return moved;
        }),
      profilesUsing: (clientId) =>
        this.#run('profilesUsing', () =>
          [...this.profiles].filter(([, p]) => p.clientId === clientId).map(([id]) => id),
        ),
      revokeCredential: (id) => this.#run('revokeCredential', () => this.#delete(id, true)),
      deleteCredential: (id) => this.#run('deleteCredential', () => this.#delete(id, false)),
    };
  }

  #delete(id: string, revoke: boolean): void {
    if (!this.server.delete(id)) throw apiErrorFor(404, { serverMessage: 'Credential not found.' });
    if (revoke) this.revoked.push(id);
  }

  async #run<T>(method: PortMethod, act: () => T): Promise<T> {
    this.calls.push(method);
    const fault = this.faults.get(method);
    if (fault) this.faults.delete(method);
    if (fault?.when === 'hang_before') return never();
    if (fault?.when === 'before') throw fault.error;
    const result = act();
    if (fault?.when === 'hang_after') return never();
    if (fault?.when === 'after') throw fault.error;
    return result;
  }

  #secret(label: string): string {
    const secret = `cs_${label}_${randomBytes(9).toString('base64url')}`;
    this.secrets.push(secret);
    return secret;
  }
}

/** A journal whose writes can be made to fail, or to never finish (the process died while writing). */
export class TestJournal extends RotationJournal {
  failWrites = false;
  hangWhen: ((records: readonly RotationRecord[]) => boolean) | undefined;

  /** Writes to fail, counting from 1 (every write from then on while `failWrites`). */
  failWrite: number | undefined;
  writes = 0;

  override async write(records: readonly RotationRecord[]): Promise<void> {
    if (this.hangWhen?.(records)) {
      this.hangWhen = undefined;
      return never();
    }
    return super.write(records);
  }

  protected override async writeText(text: string): Promise<void> {
    this.writes += 1;
    if (this.failWrites || this.writes === this.failWrite) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return super.writeText(text);
  }
}

/** A rotation service as one process would have it, over a journal folder a later one can reopen. */
export async function rotationProcess(world: RotationWorld, dir?: string) {
  const folder = dir ?? (await mkdtemp(join(tmpdir(), 'orgdesk-rotation-')));
  const lines: string[] = [];
  const logger = createLogger((line) => lines.push(line), 'debug');
  const journal = new TestJournal(folder, logger);
  const rotation = new CredentialRotation(
    journal,
    () => world.port(),
    logger,
    () => new Date('2026-11-25T09:30:00Z'),
  );
  return { dir: folder, journal, lines, rotation };
}

/** Every file under `dir`, as one text. */
export async function filesUnder(dir: string): Promise<string> {
  let all = '';
  for (const name of await readdir(dir, { recursive: true })) {
    all += await readFile(join(dir, name), 'utf8').catch(() => '');
  }
  return all;
}
