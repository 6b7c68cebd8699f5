import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type Logger, type LogLevel } from './log';

/**
 * A logger appending JSON lines to `<userData>/logs/main.log`. Lines are redacted by
 * `createLogger` before they reach the stream.
 */
export function createFileLogger(
  userDataDir: string,
  minLevel: LogLevel = 'info',
): { logger: Logger; path: string; close(): Promise<void> } {
  const dir = join(userDataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'main.log');
  const stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  const logger = createLogger((line) => stream.write(`${line}\n`), minLevel);
  return {
    logger,
    path,
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  };
}
