/**
 * The main process's logger. Lines carry an event name and flat context; values under
 * keys that can hold credentials are replaced before anything is written, so a careless
 * call site cannot leak a secret into a log file.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, event: string, context?: LogContext): void;
  debug(event: string, context?: LogContext): void;
  info(event: string, context?: LogContext): void;
  warn(event: string, context?: LogContext): void;
  error(event: string, context?: LogContext): void;
}

const SECRET_KEY = /secret|token|password|authorization|cookie|credential/i;

export function redact(context: LogContext): LogContext {
  const out: LogContext = {};
  for (const [key, value] of Object.entries(context)) {
    if (SECRET_KEY.test(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message };
    else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      out[key] = redact(value as LogContext);
    else out[key] = value;
  }
  return out;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink, minLevel: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const threshold = order.indexOf(minLevel);
  const log = (level: LogLevel, event: string, context: LogContext = {}): void => {
    if (order.indexOf(level) < threshold) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...redact(context) }));
  };
  return {
    log,
    debug: (event, context) => log('debug', event, context),
    info: (event, context) => log('info', event, context),
    warn: (event, context) => log('warn', event, context),
    error: (event, context) => log('error', event, context),
  };
}

/** A logger that drops everything, for tests and tools that do not care. */
export const silentLogger: Logger = createLogger(() => {}, 'error');
