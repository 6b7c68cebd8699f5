import { BearerAuth, ClientCredentialsAuth } from '../api/core/auth';
import { KeycardClient } from '../api/core/client';
import type { Logger } from '../log';
import type { ProfileService } from '../profiles/profile-service';
import type { StoredProfile } from '../profiles/stored-profile';
import type { EmbeddedSandbox } from './embedded-sandbox';

/** Where a client gets its secret from: the keychain for a saved profile, the form for a test. */
export type SecretSource = () => Promise<string>;

/**
 * One API client per profile, so its token cache and connection pool outlive a single
 * call. A profile's client is dropped when the profile changes or goes away, taking
 * its cached token with it.
 */
export class ClientRegistry {
  #clients = new Map<string, Promise<KeycardClient>>();

  constructor(
    private readonly profiles: ProfileService,
    private readonly sandbox: EmbeddedSandbox,
    private readonly logger: Logger,
  ) {
    profiles.onChange((id) => this.#clients.delete(id));
  }

  forProfile(id: string): Promise<KeycardClient> {
    let client = this.#clients.get(id);
    if (!client) {
      const building = this.profiles.get(id).then((profile) => {
        // Bound to this revision: once the profile changes, this client can no longer read its secret.
        const revision = this.profiles.revisionOf(id);
        return this.build(profile, () => this.profiles.secretOf(id, revision));
      });
      building.catch(() => {
        if (this.#clients.get(id) === building) this.#clients.delete(id);
      });
      this.#clients.set(id, building);
      client = building;
    }
    return client;
  }

  /** A client for `profile` whose secret comes from `secret`; used for unsaved "Test connection". */
  async build(profile: StoredProfile, secret: SecretSource): Promise<KeycardClient> {
    if (profile.auth.kind === 'sandbox') {
      const sandbox = await this.sandbox.ensure();
      const { clientId, clientSecret } = sandbox.primaryCredential;
      return new KeycardClient({
        baseUrl: sandbox.url,
        auth: new ClientCredentialsAuth({
          baseUrl: sandbox.url,
          clientId,
          getSecret: async () => clientSecret,
          logger: this.logger,
        }),
        logger: this.logger,
      });
    }
    const auth =
      profile.auth.kind === 'client_credentials'
        ? new ClientCredentialsAuth({
            baseUrl: profile.baseUrl,
            clientId: profile.auth.clientId,
            getSecret: secret,
            logger: this.logger,
          })
        : new BearerAuth({ getToken: secret });
    return new KeycardClient({ baseUrl: profile.baseUrl, auth, logger: this.logger });
  }

  clear(): void {
    this.#clients.clear();
  }
}
