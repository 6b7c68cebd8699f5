import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type Logger, type LogLevel } from './log';

/** Past this size at start-up the log is kept as `main.1.log` (replacing an older one) and a new one begun. */
export const LOG_ROTATE_BYTES = 5 * 1024 * 1024;

/**
 * A logger appending JSON lines to `<userData>/logs/main.log`. Lines are redacted by
 * `createLogger` before they reach the stream.
 */
export function createFileLogger(
  userDataDir: string,
  minLevel: LogLevel = 'info',
): { logger: Logger; path: string; close(): Promise<void> } {
  const dir = logDirOf(userDataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'main.log');
  rotateIfLarge(path);
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  const logger = createLogger((line) => stream.write(`${line}\n`), minLevel);
  return {
    logger,
    path,
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}

function rotateIfLarge(path: string): void {
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  if (size > LOG_ROTATE_BYTES) renameSync(path, path.replace(/\.log$/, '.1.log'));
}

/** Where main.log lives; "see the log" opens this folder. */
export function logDirOf(userDataDir: string): string {
  return join(userDataDir, 'logs');
}
