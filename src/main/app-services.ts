import { KEYCHAIN_SERVICE } from './secrets/keytar-store';
import { ClientRegistry } from './connections/client-registry';
import { EmbeddedSandbox } from './connections/embedded-sandbox';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { CallRegistry } from './ipc/calls';
import { appHandlers } from './ipc/handlers/app';
import { activityHandlers } from './ipc/handlers/activity';
import { ActivityLog } from './activity/activity-log';
import { ActivityExporter } from './activity/activity-export';
import { AppendThrottle } from './activity/append-throttle';
import { OrgChangeFeed } from './activity/org-changes';
import type { OrgChanged } from '../shared/ipc/organizations';
import type { ActivityAppended } from '../shared/ipc/activity';
import { callHandlers } from './ipc/handlers/calls';
import { organizationHandlers } from './ipc/handlers/organizations';
import { peopleHandlers } from './ipc/handlers/people';
import { profileHandlers } from './ipc/handlers/profiles';
import { credentialHandlers, serviceAccountHandlers } from './ipc/handlers/service-accounts';
import { ssoHandlers } from './ipc/handlers/sso';
import { sessionHandlers } from './ipc/handlers/session';
import { SessionStore } from './session/session-store';
import { compareHandlers } from './ipc/handlers/compare';
import { CompareService } from './compare/compare-service';
import { CompareExporter } from './compare/compare-export';
import { SsoService } from './sso/sso-service';
import type { DiscoveryOptions } from './sso/discovery';
import { CredentialSecrets } from './credentials/credential-secrets';
import { CredentialService } from './credentials/credential-service';
import { OrgTokens } from './credentials/org-tokens';
import { KeychainInventory } from './credentials/keychain-inventory';
import { CredentialRotation } from './credentials/rotation';
import { RotationJournal } from './credentials/rotation-journal';
import { rotationPorts } from './credentials/rotation-ports';
import { PendingSecrets } from './credentials/pending-secrets';
import { SecretClipboard, type ClipboardPort } from './credentials/secret-clipboard';
import { createFileLogger, logDirOf } from './log-file';
import { OrgdeskError } from './errors';
import type { Logger } from './log';
import type { SeedOptions } from './sandbox/server';
import { MemberService } from './people/member-service';
import { PeopleExporter, type SaveFile } from './people/people-export';
import { ProfileFile } from './profiles/profile-file';
import { ProfileService } from './profiles/profile-service';
import type { SecretStore } from './secrets/secret-store';
import { closeAllPools } from './api';

export interface AppServicesOptions {
  userDataDir: string;
  /** A store, or a factory given the services' logger so keychain failures reach the log file. */
  secretStore: SecretStore | ((logger: Logger) => SecretStore);
  /** Defaults to a redacting JSON-lines log in `<userDataDir>/logs/main.log`. */
  logger?: Logger;
  appVersion?: string;
  keychainService?: string;
  /**
   * Shows a folder in the OS file manager; the app passes Electron's `shell.openPath`. Without
   * it (tools, tests) the answer says where the folder is instead.
   */
  openFolder?: (path: string) => Promise<void>;
  /**
   * Asks where to save an export (`undefined` when the user cancels); the app passes Electron's
   * save dialog. Without it (tools, tests) an export is refused with code `no_save_dialog`.
   */
  saveFile?: SaveFile;
  /**
   * The system clipboard, for copying secrets from main; the app passes Electron's `clipboard`.
   * Without it (tools, tests) a copy is refused with code `no_clipboard`.
   */
  clipboard?: ClipboardPort;
  /** What the embedded sandbox ("Try the sandbox") seeds; the default seed without it. */
  sandboxSeed?: SeedOptions;
  /** Limits of OpenID discovery (tests shorten the timeout); the defaults without it. */
  discovery?: DiscoveryOptions;
}

export interface AppServices {
  dispatch: Dispatch;
  channels: string[];
  logger: Logger;
  /** The embedded sandbox, for tests and tools that need its address or credentials. */
  sandbox: EmbeddedSandbox;
  /** The window's place and the workspace, as they were left. */
  session: SessionStore;
  /**
   * Told, a few times a second at most, that API requests were recorded: the window's
   * `activity.appended` event. Returns a function that stops listening.
   */
  onActivityAppended(listener: (event: ActivityAppended) => void): () => void;
  /** Told of each organization a profile changed: the window's `orgs.changed` event. */
  onOrgChanged(listener: (change: OrgChanged) => void): () => void;
  dispose(): Promise<void>;
}

/**
 * The composition root of main's services, free of Electron so the same wiring runs
 * in the app and in tests. Nothing slow happens here: files and the keychain are read
 * on first use.
 */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const fileLog = options.logger ? undefined : createFileLogger(options.userDataDir);
  const logger = options.logger ?? fileLog!.logger;
  const secretStore = typeof options.secretStore === 'function' ? options.secretStore(logger) : options.secretStore;
  const profiles = new ProfileService(new ProfileFile(options.userDataDir, logger), secretStore, logger);
  const sandbox = new EmbeddedSandbox(logger, options.sandboxSeed);
  const activity = new ActivityLog();
  const appended = new AppendThrottle(activity);
  const orgChanges = new OrgChangeFeed(activity);
  const clients = new ClientRegistry(profiles, sandbox, logger, activity);
  const calls = new CallRegistry();
  const session = new SessionStore(options.userDataDir, logger);
  // Credential secrets main holds or hands to the clipboard; both are let go of when the app quits.
  const secretClipboard = new SecretClipboard(options.clipboard ?? noClipboard, logger);
  const pendingSecrets = new PendingSecrets(logger);
  const orgTokens = new OrgTokens(clients, secretClipboard, logger);
  const credentialSecrets = new CredentialSecrets(secretStore, logger);
  const rotation = new CredentialRotation(
    new RotationJournal(options.userDataDir, logger),
    rotationPorts({ clients, profiles, sandbox, secrets: credentialSecrets, logger }),
    logger,
  );
  const credentials = new CredentialService(
    clients,
    profiles,
    sandbox,
    credentialSecrets,
    pendingSecrets,
    secretClipboard,
    rotation,
    logger,
  );
  const sso = new SsoService(clients, secretClipboard, options.discovery);
  const compare = new CompareService(clients, profiles, sso, logger);
  const { dispatch, channels } = createDispatcher(
    {
      app: appHandlers({
        version: options.appVersion ?? '0.0.0',
        userDataDir: options.userDataDir,
        keychainService: options.keychainService ?? KEYCHAIN_SERVICE,
        logDir: logDirOf(options.userDataDir),
        openFolder: options.openFolder ?? cannotOpenFolder,
      }),
      calls: callHandlers(calls),
      profiles: profileHandlers(profiles, clients, sandbox),
      orgs: organizationHandlers(clients, orgTokens),
      people: peopleHandlers(
        clients,
        new MemberService(clients),
        new PeopleExporter(clients, options.saveFile ?? cannotSaveFile, logger),
      ),
      serviceAccounts: serviceAccountHandlers(credentials),
      credentials: credentialHandlers(
        credentials,
        rotation,
        new KeychainInventory(credentialSecrets, profiles, clients, logger),
      ),
      session: sessionHandlers(session, profiles),
      sso: ssoHandlers(sso),
      activity: activityHandlers(activity, new ActivityExporter(activity, options.saveFile ?? cannotSaveFile, logger)),
      compare: compareHandlers(
        compare,
        new CompareExporter(compare, profiles, options.saveFile ?? cannotSaveFile, logger),
      ),
    },
    logger,
    calls,
  );
  logger.info('app.services_ready', { channels: channels.length });
  return {
    dispatch,
    channels,
    logger,
    sandbox,
    session,
    onActivityAppended: (listener) => appended.subscribe(listener),
    onOrgChanged: (listener) => orgChanges.subscribe(listener),
    async dispose() {
      await session.flush();
      appended.dispose();
      orgChanges.dispose();
      pendingSecrets.forgetAll();
      orgTokens.forgetAll();
      await secretClipboard.dispose();
      clients.clear();
      await sandbox.close();
      await closeAllPools();
      await fileLog?.close();
    },
  };
}

async function cannotOpenFolder(path: string): Promise<void> {
  throw new OrgdeskError('not_found', `Orgdesk cannot open a file manager here. The log is in ${path}`, {
    code: 'no_file_manager',
  });
}

const noClipboard: ClipboardPort = {
  writeText: () => {
    throw new OrgdeskError('not_found', 'Orgdesk cannot use the clipboard here, so it cannot copy.', {
      code: 'no_clipboard',
    });
  },
  readText: () => '',
  clear: () => undefined,
};

async function cannotSaveFile(): Promise<string | undefined> {
  throw new OrgdeskError('not_found', 'Orgdesk cannot show a save dialog here, so it cannot export.', {
    code: 'no_save_dialog',
  });
}
