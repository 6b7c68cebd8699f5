import { fork } from 'node:child_process';
import { formatDuration } from '../errors';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { SERVICE_ARG, type AccountsMessage } from './accounts-child-protocol';
import { KeychainError } from './secret-store';

/** Lists the accounts under a keychain service, never their values. */
export type AccountLister = (service: string) => Promise<string[]>;

/**
 * A process running `keychain-accounts-child.ts` for one service. The app starts it with
 * Electron's `utilityProcess`, tests and tools with Node's `child_process.fork`.
 */
export interface AccountsChild {
  onMessage(listener: (message: unknown) => void): void;
  /** A crash shows as a signal (Node) or a non-zero code (Electron: 139 for a segmentation fault). */
  onExit(listener: (code: number | null, signal?: string | null) => void): void;
  kill(): void;
}
export type StartAccountsChild = (service: string) => AccountsChild;

/**
 * keytar lists accounts only by reading every secret, and on a locked GNOME Keyring that read
 * dereferences a NULL value and kills the process. So the listing runs in a child process of
 * its own: a crash there is a keychain error here, and the secrets it read die with it. Only
 * account names come back.
 */
export function isolatedAccountLister(
  start: StartAccountsChild,
  timeoutMs: number,
  logger: Logger = silentLogger,
): AccountLister {
  return (service) =>
    new Promise<string[]>((resolve, reject) => {
      let settled = false;
      let child: AccountsChild | undefined;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child?.kill();
        outcome();
      };
      const fail = (reason: string): void =>
        finish(() => {
          logger.warn('keychain.list_failed', { reason });
          reject(new KeychainError('list its items', new Error(reason)));
        });
      const timer = setTimeout(() => fail(`it did not answer within ${formatDuration(timeoutMs)}`), timeoutMs);
      try {
        child = start(service);
      } catch (error) {
        fail(`the listing process did not start: ${error instanceof Error ? error.message : 'unknown error'}`);
        return;
      }
      child.onMessage((message) => {
        const answer = readMessage(message);
        if (!answer) return fail('the listing process answered something unexpected');
        if ('error' in answer) return fail(answer.error);
        finish(() => resolve(answer.accounts));
      });
      child.onExit((code, signal) => {
        const how = signal ? `signal ${signal}` : `exit code ${code ?? 'none'}`;
        // After any message already on its way. A locked Secret Service is the usual reason:
        // libsecret gives a locked item no value.
        setImmediate(() => fail(`the listing process stopped with ${how}; the keychain may be locked`));
      });
    });
}

function readMessage(message: unknown): AccountsMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { accounts, error } = message as { accounts?: unknown; error?: unknown };
  if (typeof error === 'string') return { error };
  if (Array.isArray(accounts) && accounts.every((account) => typeof account === 'string')) return { accounts };
  return undefined;
}

/** Runs the child with Node's `fork` (`execArgv`, e.g. `--import tsx`, to run it from source). */
export function forkedAccountsChild(scriptPath: string, execArgv: string[] = []): StartAccountsChild {
  return (service) => {
    const child = fork(scriptPath, [`${SERVICE_ARG}${service}`], {
      execArgv,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    return {
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.on('exit', listener),
      kill: () => void child.kill(),
    };
  };
}
