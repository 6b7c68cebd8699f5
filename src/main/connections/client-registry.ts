import { createKeycardClient, type KeycardClient, type RequestObserver } from '../api';
import type { ActivityLog } from '../activity/activity-log';
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
    /** Where every request of these clients is recorded, under its profile. */
    private readonly activity?: ActivityLog,
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
    const logger = this.logger;
    const onRequest = this.observerFor(profile);
    if (profile.auth.kind === 'sandbox') {
      const sandbox = await this.sandbox.ensure();
      const { clientId, clientSecret } = sandbox.primaryCredential;
      const getSecret = async () => clientSecret;
      return createKeycardClient({
        baseUrl: sandbox.url,
        credentials: { type: 'client_credentials', clientId, getSecret },
        logger,
        onRequest,
      });
    }
    const credentials =
      profile.auth.kind === 'client_credentials'
        ? { type: 'client_credentials' as const, clientId: profile.auth.clientId, getSecret: secret }
        : { type: 'bearer' as const, getToken: secret };
    return createKeycardClient({ baseUrl: profile.baseUrl, credentials, logger, onRequest });
  }

  /** What a client working for `profile` tells of its requests (the activity log), if anything listens. */
  observerFor(profile: Pick<StoredProfile, 'id' | 'name'>): RequestObserver | undefined {
    return this.activity?.observerFor({ profileId: profile.id, profileName: profile.name });
  }

  clear(): void {
    this.#clients.clear();
  }
}
