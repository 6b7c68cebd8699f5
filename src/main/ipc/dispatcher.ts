import type { z } from 'zod';
import { listChannels, type ChannelSpec } from '../../shared/ipc/channel';
import { contract, type Handlers } from '../../shared/ipc/contract';
import { fieldIssues, type IpcResult } from '../../shared/ipc/result';
import type { CallContext } from '../../shared/ipc/calls';
import { OrgdeskError } from '../errors';
import type { Logger } from '../log';
import type { CallRegistry } from './calls';

/** `callId`, when the renderer gave one, lets `calls:cancel` stop this call. */
export type Dispatch = (channel: string, payload: unknown, callId?: unknown) => Promise<IpcResult<unknown>>;

type AnyHandler = (input: unknown, call: CallContext) => Promise<unknown>;

/**
 * After a call's signal fires, how long its handler gets to end with its own, more precise
 * error (which server, which request) before the dispatcher answers for it.
 */
export const ABORT_GRACE_MS = 500;

/**
 * The transport-free heart of IPC: looks a channel up in the contract, validates the
 * payload, runs the handler and validates (and strips) its answer. Electron's `ipcMain`
 * and the test harness both call `dispatch`, so what the tests exercise is what ships.
 * It never throws and never lets a stack trace or an unexpected message cross over.
 */
export function createDispatcher(
  handlers: Handlers,
  logger: Logger,
  calls: CallRegistry,
): { dispatch: Dispatch; channels: string[] } {
  const routes = new Map<string, { spec: ChannelSpec; handler: AnyHandler }>();
  for (const [domain, verb, name] of listChannels(contract)) {
    const spec = (contract as Record<string, Record<string, ChannelSpec>>)[domain]![verb]!;
    const handler = (handlers as unknown as Record<string, Record<string, AnyHandler>>)[domain]?.[verb];
    if (!handler) throw new Error(`No handler for IPC channel ${name}`);
    routes.set(name, { spec, handler });
  }

  const dispatch: Dispatch = async (name, payload, callId) => {
    const route = routes.get(name);
    if (!route) {
      logger.warn('ipc.unknown_channel', { channel: name });
      return { ok: false, error: { kind: 'invalid_input', message: `Unknown operation: ${name}` } };
    }
    const input = route.spec.input.safeParse(payload);
    if (!input.success) {
      logger.warn('ipc.invalid_input', { channel: name, issues: issuePaths(input.error) });
      return {
        ok: false,
        error: { kind: 'invalid_input', message: 'Some fields are not valid', fields: fieldIssues(input.error) },
      };
    }
    const started = performance.now();
    const call = calls.open(route.spec.deadlineMs, callId);
    try {
      const raw = await answerOrGiveUp(route.handler(input.data, call.context), call.aborted);
      const output = route.spec.output.safeParse(raw);
      if (!output.success) {
        logger.error('ipc.invalid_output', { channel: name, issues: issuePaths(output.error) });
        return { ok: false, error: { kind: 'internal', message: 'Orgdesk produced an invalid answer; see the log' } };
      }
      logger.debug('ipc.ok', { channel: name, ms: Math.round(performance.now() - started) });
      return { ok: true, value: output.data };
    } catch (error) {
      if (error instanceof OrgdeskError) {
        logger.info('ipc.failed', {
          channel: name,
          kind: error.kind,
          status: error.status,
          requestId: error.requestId,
        });
        return { ok: false, error: error.toIpcError() };
      }
      logger.error('ipc.crashed', { channel: name, error });
      return { ok: false, error: { kind: 'internal', message: 'Something went wrong inside Orgdesk; see the log' } };
    } finally {
      call.end();
    }
  };

  return { dispatch, channels: [...routes.keys()] };
}

/**
 * The handler's own outcome, unless it is still running `ABORT_GRACE_MS` after the call was
 * cancelled or ran out of time: then the abort reason, so a call stuck anywhere still answers.
 */
async function answerOrGiveUp<T>(work: Promise<T>, aborted: Promise<OrgdeskError>): Promise<T> {
  // The work may settle after the answer went out; that late rejection is expected, not a crash.
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const giveUp = aborted.then(
    (reason) =>
      new Promise<never>((_resolve, reject) => {
        if (!settled) timer = setTimeout(() => reject(reason), ABORT_GRACE_MS);
      }),
  );
  try {
    return await Promise.race([work, giveUp]);
  } finally {
    settled = true;
    clearTimeout(timer);
  }
}

/** Issue paths only: issue messages can quote the rejected value, which may be a secret. */
function issuePaths(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`);
}
