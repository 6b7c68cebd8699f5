/**
 * Lists the accounts under the keychain service named by its `--service=` argument and sends them to
 * its parent, then waits to be stopped. Runs in a process of its own (see `account-lister.ts`):
 * on a locked GNOME Keyring keytar's listing crashes, and it reads every secret to list them.
 */
import { createRequire } from 'node:module';
import { SERVICE_ARG, type AccountsMessage } from './accounts-child-protocol';

type Keytar = Pick<typeof import('keytar'), 'findCredentials'>;

/** Electron's utility process talks through `parentPort`, a forked Node process through `send`. */
const parentPort = (process as { parentPort?: { postMessage(message: unknown): void } }).parentPort;
const send = (message: AccountsMessage): void => {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
};

// Found by name: Electron's utility process and Node's fork need not put arguments at the same index.
const service = process.argv.find((arg) => arg.startsWith(SERVICE_ARG))?.slice(SERVICE_ARG.length);
try {
  if (!service) throw new Error('no keychain service given');
  const keytar = createRequire(import.meta.url)('keytar') as Keytar;
  const accounts = (await keytar.findCredentials(service)).map((item) => item.account);
  send({ accounts });
} catch (error) {
  // The library's message only: it names the keychain's problem, never a value.
  send({ error: error instanceof Error ? error.message : 'unknown error' });
}
