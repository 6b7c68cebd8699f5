import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppServices, type AppServices } from '../../../src/main/app-services';
import { createLogger } from '../../../src/main/log';
import type { RunningSandbox } from '../../../src/main/sandbox/server';
import type { ChannelSpec } from '../../../src/shared/ipc/channel';
import { contract } from '../../../src/shared/ipc/contract';
import { IpcError, type IpcResult } from '../../../src/shared/ipc/result';
import { MemorySecretStore } from '../../support/memory-secret-store';
import type { FuzzTargets } from './arbitraries';
import { SECRET_MARK } from './nasty-strings';
import { changedPrototypes, snapshotPrototypes } from './prototypes';

/**
 * No call that reaches only this machine takes seconds; one still unanswered after this is
 * stuck, and the property fails instead of the file hanging.
 */
export const CALL_BOUND_MS = 10_000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const STACK_FRAME = /\n\s*at\s|\bat\s+\S+\s+\(.+:\d+:\d+\)/;
const SOURCE_PATH = /file:\/\/|[/\\](src|node_modules)[/\\][^\s"']+\.(ts|js|cjs|mjs)\b/;

export class FuzzFailure extends Error {}

/** The app's real services on a temp folder, with every log line kept and every answer checked. */
export class FuzzHarness {
  readonly callsByChannel = new Map<string, number>();
  /** Exact secrets to look for besides generated ones (`SECRET_MARK`). */
  readonly knownSecrets = new Set<string>();
  /** Generated secrets sent by one call and found in a later call's answer or log. */
  readonly earlierSecretsSeen: string[] = [];
  #routes = new Map<string, ChannelSpec>();

  private constructor(
    readonly services: AppServices,
    readonly userDataDir: string,
    /** Every line the services logged, in order. */
    readonly lines: string[],
  ) {
    for (const [domain, verbs] of Object.entries(contract)) {
      for (const [verb, spec] of Object.entries(verbs)) this.#routes.set(`${domain}:${verb}`, spec);
    }
  }

  static async start(): Promise<FuzzHarness> {
    const userDataDir = await mkdtemp(join(tmpdir(), 'orgdesk-fuzz-'));
    const lines: string[] = [];
    const logger = createLogger((line) => lines.push(line), 'debug');
    const secretStore = new MemorySecretStore();
    // Exports land in the user-data folder, so the scan for secrets at rest reads them too.
    const exportDir = join(userDataDir, 'exports');
    await mkdir(exportDir);
    const services = await createAppServices({
      userDataDir,
      secretStore,
      logger,
      appVersion: '0.0.0-fuzz',
      saveFile: async ({ defaultName }) => join(exportDir, defaultName),
    });
    return new FuzzHarness(services, userDataDir, lines);
  }

  get totalCalls(): number {
    let total = 0;
    for (const count of this.callsByChannel.values()) total += count;
    return total;
  }

  /**
   * One call as Electron's `ipcMain` makes it (payload through structured clone), checked for
   * everything any answer must satisfy. Throws a FuzzFailure naming what was wrong.
   */
  async call(channel: string, payload: unknown, callId?: unknown): Promise<IpcResult<unknown>> {
    const before = snapshotPrototypes();
    const firstLine = this.lines.length;
    const answer = await this.send(channel, payload, callId);
    const polluted = changedPrototypes(before);
    if (polluted.length > 0) throw new FuzzFailure(`${channel}: the call changed ${polluted.join(', ')}`);
    const sent = new Set(secretMarksIn(payload));
    this.#checkAnswer(channel, answer, sent);
    this.#checkLog(channel, firstLine, sent);
    return answer as IpcResult<unknown>;
  }

  /** The call alone, bounded and counted, its answer unchecked. */
  async send(channel: string, payload: unknown, callId?: unknown): Promise<unknown> {
    const sent = structuredClone(payload);
    this.callsByChannel.set(channel, (this.callsByChannel.get(channel) ?? 0) + 1);
    try {
      return await withinBound(this.services.dispatch(channel, sent, callId), channel);
    } catch (error) {
      if (error instanceof FuzzFailure) throw error;
      throw new FuzzFailure(`${channel}: dispatch threw instead of answering: ${String(error)}`);
    }
  }

  #checkAnswer(channel: string, answer: unknown, sent: ReadonlySet<string>): void {
    const fail = (what: string) => new FuzzFailure(`${channel}: ${what}. Answer: ${preview(answer)}`);
    try {
      structuredClone(answer);
    } catch {
      throw fail('the answer cannot cross IPC (structured clone refused it)');
    }
    if (answer === null || typeof answer !== 'object') throw fail('the answer is not an envelope');
    const envelope = answer as Record<string, unknown>;
    const spec = this.#routes.get(channel);
    if (envelope.ok === true) {
      if (!spec) throw fail('an unknown channel answered ok');
      if (!spec.output.safeParse(envelope.value).success) throw fail("the value does not match the channel's output");
    } else if (envelope.ok === false) {
      const error = IpcError.strict().safeParse(envelope.error);
      if (!error.success) throw fail('the error is not an IpcError');
      if (error.data.kind === 'internal') throw fail('the error kind is `internal`');
      const texts = [error.data.message, ...(error.data.fields ?? []).map((f) => f.message)];
      if (texts.some((text) => STACK_FRAME.test(text) || SOURCE_PATH.test(text)))
        throw fail('the error carries a stack trace or a source path');
    } else {
      throw fail('`ok` is neither true nor false');
    }
    const text = JSON.stringify(answer);
    if (text.includes(process.cwd())) throw fail('the answer names a path inside the repository');
    const secret = this.#secretIn(text, sent, `${channel} answer`);
    if (secret) throw fail(`the answer holds ${secret}`);
  }

  #checkLog(channel: string, firstLine: number, sent: ReadonlySet<string>): void {
    for (const line of this.lines.slice(firstLine)) {
      const secret = this.#secretIn(line, sent, `${channel} log line`);
      if (secret) throw new FuzzFailure(`${channel}: a log line holds ${secret}: ${preview(line)}`);
    }
  }

  /**
   * The secret `text` holds that fails this call: a sandbox secret, or one this call sent. A
   * secret an earlier call sent is only recorded, for the check after the run: failing here would
   * shrink to a call that merely reads what an earlier one stored.
   */
  #secretIn(text: string, sent: ReadonlySet<string>, where: string): string | undefined {
    for (const secret of this.knownSecrets) if (text.includes(secret)) return 'a sandbox secret or token';
    for (const mark of text.match(SECRET_MARKS) ?? []) {
      if (sent.has(mark)) return `the secret it was sent (${mark})`;
      this.earlierSecretsSeen.push(`${where}: ${mark}`);
    }
    return undefined;
  }

  /** Secrets found in every log line of the run and every file under the user-data folder. */
  async secretsAtRest(): Promise<string[]> {
    const found: string[] = [];
    const scan = (where: string, text: string) => {
      for (const secret of this.knownSecrets)
        if (text.includes(secret)) found.push(`${where}: a sandbox secret or token`);
      for (const mark of text.match(SECRET_MARKS) ?? []) found.push(`${where}: generated secret ${mark}`);
    };
    for (const line of this.lines) scan('log line', line);
    const entries = await readdir(this.userDataDir, { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile())) {
      const path = join(entry.parentPath, entry.name);
      scan(path, await readFile(path, 'utf8'));
    }
    return [...new Set(found)];
  }

  /** The call must answer ok; for setting up targets. */
  async ok<T>(channel: string, payload?: unknown): Promise<T> {
    const answer = await this.call(channel, payload);
    if (!answer.ok) throw new Error(`${channel} failed while setting up: ${JSON.stringify(answer.error)}`);
    return answer.value as T;
  }

  /**
   * Fresh profiles to aim at (the previous ones may have been edited or removed by the fuzzer): a
   * service account and a bearer token on the sandbox, the embedded sandbox's own, a service
   * account on a closed port, and a token HTTP cannot carry if the app still takes one.
   */
  async targets(sandbox: RunningSandbox, closedPortUrl: string, token: string): Promise<FuzzTargets> {
    const { clientId, clientSecret, memberships } = sandbox.primaryCredential;
    const common = { color: '#0891b2', baseUrl: sandbox.url };
    const service = { ...common, authKind: 'client_credentials', clientId, clientSecret };
    // The service account first: shrinking ends on the first, and the sandbox's refuses most edits.
    const ids = [
      (await this.ok<{ id: string }>('profiles:create', { ...service, name: 'Fuzz target' })).id,
      (await this.ok<{ id: string }>('profiles:create', { ...common, name: 'Fuzz bearer', authKind: 'bearer', token }))
        .id,
      (await this.ok<{ id: string }>('profiles:addSandbox')).id,
      (await this.ok<{ id: string }>('profiles:create', { ...service, name: 'Fuzz closed', baseUrl: closedPortUrl }))
        .id,
    ];
    const unsendable = await this.call('profiles:create', {
      ...common,
      name: 'Fuzz unsendable token',
      authKind: 'bearer',
      token: 'eyJhbGciOiJIUzI1NiJ9.fz0123456789abcdef\u200b.c2lnbmF0dXJl',
    });
    if (unsendable.ok) ids.push((unsendable.value as { id: string }).id);
    return {
      sandboxUrl: sandbox.url,
      closedPortUrl,
      profileIds: ids,
      orgRefs: memberships.flatMap((m) => [m.organizationId, m.organizationLabel]),
      clientId,
      clientSecret,
      token,
    };
  }

  /**
   * Whether `payload`, as the channel would parse it, can only reach this machine. Anything
   * parsed with a base URL elsewhere is skipped rather than sent: a stranger's server is no target.
   */
  staysOnThisMachine(channel: string, payload: unknown): boolean {
    const spec = this.#routes.get(channel);
    const parsed = spec?.input.safeParse(structuredClone(payload));
    if (!parsed?.success) return true;
    return baseUrlsIn(parsed.data).every((value) => {
      const url = URL.parse(value);
      return url === null || !/^https?:$/.test(url.protocol) || LOOPBACK.has(url.hostname);
    });
  }

  async dispose(): Promise<'closed' | 'stuck'> {
    const closed = await Promise.race([
      this.services.dispose().then(() => 'closed' as const),
      sleep(CALL_BOUND_MS).then(() => 'stuck' as const),
    ]);
    await rm(this.userDataDir, { recursive: true, force: true });
    return closed;
  }
}

/** A loopback URL nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const SECRET_MARKS = new RegExp(SECRET_MARK.source, 'g');

/** The generated secrets a payload carries, wherever they are. */
function secretMarksIn(value: unknown): string[] {
  if (typeof value === 'string') return value.match(SECRET_MARKS) ?? [];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(secretMarksIn);
}

function baseUrlsIn(value: unknown): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'baseUrl' && typeof inner === 'string' ? [inner] : baseUrlsIn(inner),
  );
}

async function withinBound<T>(work: Promise<T>, channel: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new FuzzFailure(`${channel}: no answer within ${CALL_BOUND_MS / 1000} s`)),
      CALL_BOUND_MS,
    );
  });
  try {
    return await Promise.race([work, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
}
