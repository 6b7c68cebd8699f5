import { unusedColor } from '../../../shared/ipc/profiles';
import type { Handlers } from '../../../shared/ipc/contract';
import type { ClientRegistry, SecretSource } from '../../connections/client-registry';
import type { EmbeddedSandbox } from '../../connections/embedded-sandbox';
import { applyUpdate, newSecretOf, type ProfileService } from '../../profiles/profile-service';
import type { StoredProfile } from '../../profiles/stored-profile';

export function profileHandlers(
  profiles: ProfileService,
  clients: ClientRegistry,
  sandbox: EmbeddedSandbox,
): Handlers['profiles'] {
  return {
    list: () => profiles.list(),
    create: (input) => profiles.create(input),
    update: (input) => profiles.update(input),
    remove: (input) => profiles.remove(input.id),
    async addSandbox() {
      await sandbox.ensure();
      // A colour no other profile wears, so the sandbox's tabs are told apart from the others'.
      return profiles.addSandbox(unusedColor((await profiles.list()).profiles.map((p) => p.color)));
    },
    /** Logs in and lists organizations with what the form holds, saved or not; stores nothing. */
    async test(input, call) {
      let profile: StoredProfile;
      let secret: SecretSource;
      if ('draft' in input) {
        const { draft } = input;
        const now = new Date().toISOString();
        profile = {
          id: crypto.randomUUID(),
          name: draft.name,
          baseUrl: draft.baseUrl,
          color: draft.color,
          ...(draft.environment ? { environment: draft.environment } : {}),
          auth:
            draft.authKind === 'client_credentials'
              ? { kind: 'client_credentials', clientId: draft.clientId }
              : { kind: 'bearer' },
          createdAt: now,
          updatedAt: now,
        };
        const value = draft.authKind === 'client_credentials' ? draft.clientSecret : draft.token;
        secret = async () => value;
      } else {
        const current = await profiles.get(input.id);
        const revision = profiles.revisionOf(current.id);
        const changes = input.changes ?? {};
        profile = applyUpdate(current, changes);
        const replaced = newSecretOf(current, changes);
        secret = replaced === undefined ? () => profiles.secretOf(current.id, revision) : async () => replaced;
      }
      const client = await clients.build(profile, secret);
      const started = performance.now();
      try {
        const { items } = await client.organizations.listAll({}, call);
        return {
          organizationCount: items.length,
          organizations: items.slice(0, 20).map(({ id, name }) => ({ id, name })),
          elapsedMs: Math.round(performance.now() - started),
        };
      } finally {
        await client.close();
      }
    },
  };
}
