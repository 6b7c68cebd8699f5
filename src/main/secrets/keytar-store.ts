import { createRequire } from 'node:module';
import { formatDuration } from '../errors';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import type { AccountLister } from './account-lister';
import { KeychainError, SecretAlteredError, type SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'Orgdesk';

/**
 * The longest one keychain operation may take, a system prompt the user must answer included.
 * A keychain that never answers would otherwise hold its account's queue, and every login
 * waiting on that secret, until the app restarts.
 */
export const KEYCHAIN_TIMEOUT_MS = 60_000;

/** The part of keytar the store uses; tests pass a fake one that alters values like libsecret. */
export type Keytar = Pick<typeof import('keytar'), 'getPassword' | 'setPassword' | 'deletePassword'>;

/** keytar, loaded on demand: its binary links against the OS keychain's library (libsecret on Linux). */
export function requireKeytar(): Keytar {
  return createRequire(import.meta.url)('keytar') as Keytar;
}

/**
 * Secrets in the OS keychain through keytar (macOS Keychain, Windows Credential Manager,
 * Linux Secret Service). keytar is loaded lazily so that a missing native module or a
 * missing Secret Service is reported as a keychain error rather than crashing start-up.
 * Operations on one account are serialized so that a save racing a delete cannot resurrect an item.
 * Listing accounts needs `listAccounts` (see `account-lister.ts`); without one it is refused.
 */
export function createKeytarStore(
  service: string = KEYCHAIN_SERVICE,
  logger: Logger = silentLogger,
  module?: Keytar,
  timeoutMs: number = KEYCHAIN_TIMEOUT_MS,
  listAccounts?: AccountLister,
): SecretStore {
  let keytar: Keytar | undefined = module;
  const load = (): Keytar => {
    if (!keytar) {
      try {
        keytar = requireKeytar();
      } catch (error) {
        throw new KeychainError('be opened (the keytar module failed to load)', error);
      }
    }
    return keytar;
  };

  const queues = new Map<string, Promise<unknown>>();
  const serialized = <T>(account: string, work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(account) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(account, settled);
    void settled.then(() => {
      if (queues.get(account) === settled) queues.delete(account);
    });
    return next;
  };

  const guarded = async <T>(action: string, account: string, work: (k: Keytar) => Promise<T>): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const noAnswer = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`it did not answer within ${formatDuration(timeoutMs)}`)), timeoutMs);
    });
    try {
      return await Promise.race([work(load()), noAnswer]);
    } catch (error) {
      if (error instanceof KeychainError) throw error;
      // Log the key name and the library's message only, never a value.
      logger.warn('keychain.failed', { action, account, reason: error instanceof Error ? error.message : 'unknown' });
      throw new KeychainError(action, error);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    get: (account) =>
      serialized(account, () => guarded('read the secret', account, (k) => k.getPassword(service, account))),
    set: (account, secret) =>
      serialized(account, () =>
        guarded('save the secret', account, async (k) => {
          await k.setPassword(service, account, secret);
          // Read back inside the same serialized step, so no other write to the account can interleave.
          if ((await k.getPassword(service, account)) !== secret) {
            await k.deletePassword(service, account);
            logger.warn('keychain.altered_secret', { account });
            throw new SecretAlteredError();
          }
          logger.info('keychain.saved', { account });
        }),
      ),
    delete: (account) =>
      serialized(account, () =>
        guarded('delete the secret', account, async (k) => {
          const removed = await k.deletePassword(service, account);
          logger.info('keychain.deleted', { account, removed });
          return removed;
        }),
      ),
    accounts: async () => {
      // Never keytar's findCredentials in this process: on a locked keyring it crashes it.
      if (!listAccounts) throw new KeychainError('list its items (listing is not set up in this process)');
      try {
        return await listAccounts(service);
      } catch (error) {
        if (error instanceof KeychainError) throw error;
        logger.warn('keychain.failed', { action: 'list', reason: error instanceof Error ? error.message : 'unknown' });
        throw new KeychainError('list its items', error);
      }
    },
  };
}
