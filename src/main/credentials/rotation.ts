import { randomUUID } from 'node:crypto';
import { MAX_NAME_LENGTH } from '../../shared/api/service-accounts';
import { fieldIssues } from '../../shared/ipc/result';
import { InvalidInputError, NotFoundError, OrgdeskError } from '../errors';
import type { Logger } from '../log';
import type { RotationAction, RotationReport, RotationState } from '../../shared/ipc/rotation';
import {
  ROTATION_STEPS,
  RotationTarget,
  type RotationJournal,
  type RotationRecord,
  type RotationStep,
  type StepError,
  type StepRecord,
} from './rotation-journal';

/** A credential by its IDs: what the journal may hold about one. */
export interface CredentialIds {
  id: string;
  clientId: string;
}

/**
 * What a rotation does outside this file, for one target (see `RotationPorts`). The app builds it
 * from the API client (create, find, verify, revoke, delete), `CredentialSecrets` (store, read,
 * delete the secret: keyed by the target's profile, organization and service account) and
 * `ProfileService` (repoint, profilesUsing: on the target profile's server).
 */
export interface RotationPort {
  /** `POST .../credentials`: the only answer that carries the secret. */
  createCredential(name: string): Promise<CredentialIds & { clientSecret: string }>;
  /** The service account's credentials with this exact name (to learn whether a lost create happened). */
  findCredentialsNamed(name: string): Promise<CredentialIds[]>;
  storeSecret(credential: CredentialIds, secret: string): Promise<void>;
  /** Null when the keychain has none (or is locked). */
  readSecret(credential: CredentialIds): Promise<string | null>;
  deleteSecret(credential: CredentialIds): Promise<void>;
  /** Logs in with the credential and makes one read; rejects if either fails. */
  verifyLogin(clientId: string, secret: string): Promise<void>;
  /** Moves every profile signing in with `fromClientId` to the new credential, all or none; answers their IDs. */
  repointProfiles(fromClientId: string, to: { clientId: string; secret: string }): Promise<string[]>;
  /** The profiles that sign in with this client ID now. */
  profilesUsing(clientId: string): Promise<string[]>;
  /** Deletes the old credential on the server; the API's 404 (already gone) counts as done. */
  revokeCredential(credentialId: string): Promise<void>;
  /** Deletes the unused new credential on the server; the API's 404 (already gone) counts as done. */
  deleteCredential(credentialId: string): Promise<void>;
}
export type RotationPorts = (target: RotationTarget) => RotationPort;

export const STEP_LABELS: Record<RotationStep, string> = {
  create: 'create the new credential',
  store: 'save its secret in the keychain',
  verify: 'sign in with it and make one read',
  repoint: 'switch the profiles that used the old credential to it',
  revoke: 'revoke the old credential',
};

export type { RotationAction, RotationState } from '../../shared/ipc/rotation';
/** The report the window shows; its shape is the IPC contract's. */
export type RotationView = RotationReport;

export type RotationListener = (view: RotationView) => void;

/**
 * A rotation of a credential whose rotation is under way or unfinished (`rotation_in_progress`),
 * or that a rotation already replaced (`rotation_already_done`): a retried request lands here.
 */
export class RotationConflictError extends OrgdeskError {
  constructor(
    readonly rotationId: string,
    message: string,
    code: 'rotation_in_progress' | 'rotation_already_done' = 'rotation_in_progress',
  ) {
    super('invalid_input', message, {
      code,
      fields: [
        {
          path: 'credentialId',
          message:
            code === 'rotation_in_progress'
              ? 'A rotation of this credential is not finished'
              : 'This credential was already rotated',
        },
      ],
    });
  }
}

/**
 * The guided rotation of a service account credential, as a state machine whose every step is
 * written to a journal before it acts and after it answers:
 *
 * 1. create the new credential, 2. save its secret in the keychain, 3. sign in with it and read,
 * 4. repoint the profiles that used the old one, 5. revoke the old one.
 *
 * Steps run in that order and only after the previous one is recorded done, so the old
 * credential is revoked only once the new one proved it works, and until step 5 it keeps
 * working. A step that fails stops the rotation with a report of what exists and what can be
 * done: resume (from the first step not done), check (whether a create whose answer was lost
 * happened), clean up (delete the unused new credential and its keychain item), dismiss.
 * One rotation per credential at a time; a create is never sent twice for one rotation: one
 * that may have been sent is checked for by name, never sent again.
 *
 * The new secret is held in memory only from step 1 until step 2 saved it (or the rotation is
 * cleaned up or dismissed, or the app quits); later steps read it from the keychain. Neither
 * the journal nor a log line nor an error message ever holds it.
 */
export class CredentialRotation {
  #records: RotationRecord[] | undefined;
  #loading: Promise<RotationRecord[]> | undefined;
  #writes: Promise<unknown> = Promise.resolve();
  /** Rotations running in this process, by credential key. */
  readonly #busy = new Map<string, string>();
  /** New secrets not yet saved in the keychain, by rotation ID. */
  readonly #unsaved = new Map<string, string>();
  readonly #listeners = new Set<RotationListener>();

  constructor(
    private readonly journal: RotationJournal,
    private readonly ports: RotationPorts,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onProgress(listener: RotationListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Rotations that need attention: under way, failed, or interrupted by a restart. */
  async list(): Promise<RotationView[]> {
    return (await this.#load()).filter(isOpen).map((record) => this.#view(record));
  }

  async get(id: string): Promise<RotationView> {
    return this.#view(await this.#find(id));
  }

  /** Runs a new rotation of `input`'s credential to its end or to the first failing step. */
  async start(input: unknown): Promise<RotationView> {
    const parsed = RotationTarget.safeParse(input);
    if (!parsed.success) {
      throw new InvalidInputError('The credential to rotate is not described correctly.', fieldIssues(parsed.error));
    }
    const target = parsed.data;
    const records = await this.#load();
    const key = credentialKey(target);
    // From here to the reservation nothing awaits, so a second click cannot slip in between.
    const running = this.#busy.get(key);
    if (running) throw new RotationConflictError(running, 'This credential is already being rotated.');
    const open = records.find((r) => credentialKey(r.target) === key && isOpen(r));
    if (open) {
      throw new RotationConflictError(
        open.id,
        'An earlier rotation of this credential is not finished. Resume it, check it, clean it up or dismiss it first.',
      );
    }
    const replaced = records.find((r) => credentialKey(r.target) === key && r.outcome === 'done');
    if (replaced) {
      throw new RotationConflictError(
        replaced.id,
        `This credential was already rotated: "${replaced.newName}" replaced it and it was revoked.`,
        'rotation_already_done',
      );
    }
    const at = this.now();
    const record: RotationRecord = {
      id: randomUUID(),
      target,
      newName: rotatedName(target.name, at),
      steps: {
        create: { status: 'pending' },
        store: { status: 'pending' },
        verify: { status: 'pending' },
        repoint: { status: 'pending' },
        revoke: { status: 'pending' },
      },
      outcome: 'running',
      startedAt: at.toISOString(),
      updatedAt: at.toISOString(),
    };
    this.#busy.set(key, record.id);
    try {
      records.push(record);
      try {
        await this.#save();
      } catch (error) {
        // Nothing was sent: the rotation never began.
        records.splice(records.indexOf(record), 1);
        throw error;
      }
      this.logger.info('rotation.started', { rotationId: record.id, ...logIds(target) });
      return await this.#run(record);
    } finally {
      this.#busy.delete(key);
    }
  }

  /** Continues a failed or interrupted rotation from its first step not done. */
  resume(id: string): Promise<RotationView> {
    return this.#exclusive(id, 'resume', async (record) => {
      const { problem } = record;
      record.outcome = 'running';
      record.problem = undefined;
      try {
        await this.#save();
      } catch (error) {
        record.outcome = 'failed';
        record.problem = problem;
        throw error;
      }
      this.logger.info('rotation.resumed', { rotationId: id, from: firstNotDone(record) });
      return this.#run(record);
    });
  }

  /**
   * After a create whose answer was lost: looks for a credential with the new name. None: step 1
   * did nothing and the rotation is over. One: it exists without a secret Orgdesk could save,
   * so the way on is to clean it up. Several: the user must look.
   */
  check(id: string): Promise<RotationView> {
    return this.#exclusive(id, 'check', async (record, port) => {
      let found: CredentialIds[];
      try {
        found = (await port.findCredentialsNamed(record.newName)).filter((c) => c.id !== record.target.credentialId);
      } catch (error) {
        record.problem = this.#describe(error, record);
        await this.#saveQuietly(record);
        return this.#view(record);
      }
      const at = this.now().toISOString();
      record.problem = undefined;
      if (found.length === 0) {
        record.steps.create = {
          status: 'failed',
          at,
          error: { kind: 'not_found', message: `No credential named "${record.newName}" exists: step 1 created none.` },
        };
        record.outcome = 'nothing_created';
      } else if (found.length === 1) {
        record.newCredential = { id: found[0]!.id, clientId: found[0]!.clientId };
        record.steps.create = { status: 'done', at };
        record.steps.store = {
          status: 'failed',
          at,
          error: {
            kind: 'not_found',
            code: 'rotation_secret_lost',
            message: 'The server created the credential but its secret never reached Orgdesk, so it cannot be used.',
          },
        };
        record.outcome = 'failed';
      } else {
        record.problem = {
          kind: 'invalid_input',
          code: 'rotation_several_named',
          message: `${found.length} credentials are named "${record.newName}". Look at them in the service account's list and delete the ones nobody uses.`,
        };
      }
      this.logger.info('rotation.checked', { rotationId: id, found: found.length });
      await this.#saveQuietly(record);
      return this.#view(record);
    });
  }

  /**
   * Deletes the unused new credential (on the server, then its keychain item). Refused once any
   * profile signs in with it or the old one's revocation began: then the way on is to resume.
   */
  cleanUp(id: string): Promise<RotationView> {
    return this.#exclusive(id, 'clean_up', async (record, port) => {
      const created = record.newCredential!;
      try {
        const using = await port.profilesUsing(created.clientId);
        if (using.length > 0) {
          throw new OrgdeskError(
            'invalid_input',
            `${signIn(using.length)} with the new credential already, so it is not unused. Resume the rotation instead.`,
            { code: 'rotation_new_credential_in_use' },
          );
        }
        await port.deleteCredential(created.id).catch((error: unknown) => {
          if (!isGone(error)) throw error;
        });
        await port.deleteSecret(created);
      } catch (error) {
        record.problem = this.#describe(error, record);
        this.logger.warn('rotation.clean_up_failed', { rotationId: id, error: this.#loggable(error, record) });
        await this.#saveQuietly(record);
        return this.#view(record);
      }
      this.#unsaved.delete(id);
      record.outcome = 'cleaned_up';
      record.problem = undefined;
      this.logger.info('rotation.cleaned_up', { rotationId: id, credentialId: created.id });
      await this.#saveQuietly(record);
      return this.#view(record);
    });
  }

  /** Closes the report of a failed or interrupted rotation without changing anything else. */
  dismiss(id: string): Promise<RotationView> {
    return this.#exclusive(id, 'dismiss', async (record) => {
      record.outcome = 'dismissed';
      try {
        await this.#save();
      } catch (error) {
        record.outcome = 'failed';
        throw error;
      }
      this.#unsaved.delete(id);
      this.logger.info('rotation.dismissed', { rotationId: id });
      return this.#view(record);
    });
  }

  /** Runs `work` on a rotation that allows `action`, with its credential reserved. */
  async #exclusive(
    id: string,
    action: RotationAction,
    work: (record: RotationRecord, port: RotationPort) => Promise<RotationView>,
  ): Promise<RotationView> {
    const record = await this.#find(id);
    const key = credentialKey(record.target);
    if (this.#busy.has(key))
      throw new RotationConflictError(this.#busy.get(key)!, 'This credential is being rotated now.');
    const view = this.#view(record);
    if (!view.actions.includes(action)) {
      throw new OrgdeskError('invalid_input', `This rotation cannot be ${ACTION_PAST[action]} now. ${view.summary}`, {
        code: 'rotation_action_unavailable',
      });
    }
    this.#busy.set(key, id);
    // Whatever ran it before is gone: from here it is a rotation that stopped.
    if (record.outcome === 'running') record.outcome = 'failed';
    try {
      return await work(record, this.ports(record.target));
    } finally {
      this.#busy.delete(key);
    }
  }

  async #run(record: RotationRecord): Promise<RotationView> {
    const port = this.ports(record.target);
    for (const step of ROTATION_STEPS) {
      if (record.steps[step].status === 'done') continue;
      if (!(await this.#step(record, step, port))) return this.#view(record);
    }
    record.outcome = 'done';
    this.logger.info('rotation.done', { rotationId: record.id, repointed: record.repointed?.length ?? 0 });
    await this.#saveQuietly(record);
    return this.#view(record);
  }

  /** One step: recorded as started, run, recorded as ended. Answers whether to go on. */
  async #step(record: RotationRecord, step: RotationStep, port: RotationPort): Promise<boolean> {
    const before = record.steps[step];
    if (!(await this.#record(record, step, { status: 'started', at: this.now().toISOString() }, before))) return false;
    try {
      await this.#act(record, step, port);
    } catch (error) {
      const acted = (step === 'create' || step === 'revoke') && mayHaveActed(error);
      record.steps[step] = {
        status: acted ? 'unknown' : 'failed',
        at: this.now().toISOString(),
        error: this.#describe(error, record),
      };
      record.outcome = step === 'create' && !acted ? 'nothing_created' : 'failed';
      this.logger.warn('rotation.step_failed', {
        rotationId: record.id,
        step,
        acted,
        error: this.#loggable(error, record),
      });
      await this.#saveQuietly(record);
      return false;
    }
    return this.#record(record, step, { status: 'done', at: this.now().toISOString() });
  }

  async #act(record: RotationRecord, step: RotationStep, port: RotationPort): Promise<void> {
    if (step === 'create') {
      const { clientSecret, id, clientId } = await port.createCredential(record.newName);
      this.#unsaved.set(record.id, clientSecret);
      record.newCredential = { id, clientId };
      return;
    }
    const created = record.newCredential;
    if (!created) throw new Error(`step ${step} of rotation ${record.id} has no new credential`);
    if (step === 'store') {
      const secret = this.#unsaved.get(record.id);
      if (secret === undefined) {
        // Orgdesk stopped during this step: the save may have happened before it did.
        if ((await port.readSecret(created)) !== null) return;
        throw new OrgdeskError(
          'not_found',
          "The new credential's secret is not in the keychain, and Orgdesk held it only in memory until it was saved. If the keychain is locked, unlock it and resume; otherwise clean up and rotate again.",
          { code: 'rotation_secret_lost' },
        );
      }
      await port.storeSecret(created, secret);
      this.#unsaved.delete(record.id);
      return;
    }
    if (step === 'verify') {
      await port.verifyLogin(created.clientId, await storedSecret(port, created));
      return;
    }
    if (step === 'repoint') {
      const secret = await storedSecret(port, created);
      await port.repointProfiles(record.target.clientId, { clientId: created.clientId, secret });
      record.repointed = await port.profilesUsing(created.clientId);
      return;
    }
    // The one step that takes something away: never unless the new credential proved it works.
    if (record.steps.verify.status !== 'done') throw new Error(`rotation ${record.id} reached revoke unverified`);
    try {
      await port.revokeCredential(record.target.credentialId);
    } catch (error) {
      if (!isGone(error)) throw error;
    }
    // Its keychain item is of no use now; one left behind shows in the inventory.
    await port.deleteSecret({ id: record.target.credentialId, clientId: record.target.clientId }).catch((error) => {
      this.logger.warn('rotation.old_secret_left', { rotationId: record.id, error: this.#loggable(error, record) });
    });
  }

  /**
   * Writes a step's new state to the journal. If the journal cannot be written, the step is not
   * run (a `started` that did not reach the disk goes back to what it was), or, for `done`, the
   * rotation stops after it; the reason is the rotation's problem.
   */
  async #record(record: RotationRecord, step: RotationStep, state: StepRecord, before?: StepRecord): Promise<boolean> {
    record.steps[step] = state;
    record.updatedAt = this.now().toISOString();
    try {
      await this.#save();
    } catch (error) {
      if (before) record.steps[step] = before;
      record.outcome = 'failed';
      record.problem = this.#describe(error, record);
      this.logger.error('rotation.journal_failed', {
        rotationId: record.id,
        step,
        error: this.#loggable(error, record),
      });
      this.#emit(record);
      return false;
    }
    this.#emit(record);
    return true;
  }

  async #saveQuietly(record: RotationRecord): Promise<void> {
    record.updatedAt = this.now().toISOString();
    try {
      await this.#save();
    } catch (error) {
      record.problem ??= this.#describe(error, record);
      this.logger.error('rotation.journal_failed', { rotationId: record.id, error: this.#loggable(error, record) });
    }
    this.#emit(record);
  }

  /** Writes every record, one write at a time and in order. */
  #save(): Promise<void> {
    const write = (): Promise<void> => this.journal.write(this.#records ?? []);
    const result = this.#writes.then(write, write);
    this.#writes = result.catch(() => undefined);
    return result;
  }

  #load(): Promise<RotationRecord[]> {
    if (this.#records) return Promise.resolve(this.#records);
    if (!this.#loading) {
      const loading = this.journal.read().then((records) => (this.#records ??= records));
      loading.catch(() => {
        if (this.#loading === loading) this.#loading = undefined;
      });
      this.#loading = loading;
    }
    return this.#loading;
  }

  async #find(id: string): Promise<RotationRecord> {
    const record = (await this.#load()).find((r) => r.id === id);
    if (!record) throw new NotFoundError('This rotation is not in Orgdesk’s record.');
    return record;
  }

  /** What an error says to the user. Messages of OrgdeskErrors are safe to show; others go to the log only. */
  #describe(error: unknown, record: RotationRecord): StepError {
    if (!(error instanceof OrgdeskError)) {
      return { kind: 'internal', message: 'Something unexpected went wrong; the log has the details.' };
    }
    const secret = this.#unsaved.get(record.id);
    // No message is built from a secret; this is the last guard for the one secret a rotation holds.
    const message =
      secret !== undefined && error.message.includes(secret)
        ? 'The step failed; the log has the details.'
        : error.message;
    return { kind: error.kind, message, ...(error.code === undefined ? {} : { code: error.code }) };
  }

  /** An error for the log: whole (the logger redacts what looks like a credential), unless it holds the rotation's secret. */
  #loggable(error: unknown, record: RotationRecord): unknown {
    const secret = this.#unsaved.get(record.id);
    if (secret === undefined || !(error instanceof Error)) return error;
    const text = `${error.message} ${error.stack ?? ''} ${String((error as { cause?: unknown }).cause ?? '')}`;
    return text.includes(secret) ? { name: error.name, message: '[a message holding the secret, left out]' } : error;
  }

  #emit(record: RotationRecord): void {
    if (this.#listeners.size === 0) return;
    const view = this.#view(record);
    for (const listener of this.#listeners) listener(view);
  }

  #view(record: RotationRecord): RotationView {
    const running = this.#busy.get(credentialKey(record.target)) === record.id && record.outcome === 'running';
    const state: RotationState =
      record.outcome === 'running' ? (running ? 'running' : 'interrupted') : (record.outcome as RotationState);
    const exists = whatExists(record);
    const actions = running ? [] : actionsFor(record, state);
    return {
      id: record.id,
      target: { ...record.target },
      newName: record.newName,
      state,
      steps: ROTATION_STEPS.map((step, index) => ({
        number: index + 1,
        step,
        label: STEP_LABELS[step],
        status: record.steps[step].status,
        ...(record.steps[step].error ? { error: { ...record.steps[step].error } } : {}),
      })),
      ...(record.newCredential ? { newCredential: { ...record.newCredential } } : {}),
      repointedProfileIds: [...(record.repointed ?? [])],
      exists,
      ...(record.problem ? { problem: { ...record.problem } } : {}),
      actions,
      summary: summarize(record, state, exists, actions),
      startedAt: record.startedAt,
      updatedAt: record.updatedAt,
    };
  }
}

const ACTION_PAST: Record<RotationAction, string> = {
  resume: 'resumed',
  check: 'checked',
  clean_up: 'cleaned up',
  dismiss: 'dismissed',
};

/** The new credential's name: the old one's without an earlier rotation's mark, then this one's, within the API's limit. */
export function rotatedName(oldName: string, at: Date): string {
  const iso = at.toISOString();
  const mark = ` (rotated ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC)`;
  const base = oldName.replace(/ \(rotated \d{4}-\d{2}-\d{2}(?: \d{2}:\d{2} UTC)?\)$/, '').trim() || 'Credential';
  return cutAt(base, MAX_NAME_LENGTH - mark.length).trimEnd() + mark;
}

/** At most `max` UTF-16 units, never half a surrogate pair. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

function credentialKey(target: RotationTarget): string {
  return JSON.stringify([target.orgId, target.serviceAccountId, target.credentialId]);
}

function isOpen(record: RotationRecord): boolean {
  return record.outcome === 'running' || record.outcome === 'failed';
}

function firstNotDone(record: RotationRecord): RotationStep | undefined {
  return ROTATION_STEPS.find((step) => record.steps[step].status !== 'done');
}

async function storedSecret(port: RotationPort, credential: CredentialIds): Promise<string> {
  const secret = await port.readSecret(credential);
  if (secret === null) {
    throw new OrgdeskError(
      'not_found',
      'The keychain gave no secret for the new credential. If your keychain is locked, unlock it and resume.',
      { code: 'rotation_secret_missing' },
    );
  }
  return secret;
}

/**
 * Whether a failed request may still have acted on the server. Only a refusal the server stated
 * (4xx), a request that provably never left, or a local failure, rule it out.
 */
export function mayHaveActed(error: unknown): boolean {
  if (!(error instanceof OrgdeskError)) return true;
  if (error.code === 'outcome_unknown') return true;
  switch (error.kind) {
    case 'api':
      return error.status === undefined || error.status >= 500;
    case 'network':
    case 'timeout':
      return (error as { maybeSent?: boolean }).maybeSent !== false;
    case 'cancelled':
      return error.code !== 'cancelled';
    case 'auth':
    case 'invalid_input':
    case 'keychain':
    case 'not_found':
    case 'forbidden_sender':
      return false;
    default:
      return true;
  }
}

/** A 404 from the server: what a delete wanted is already so. */
function isGone(error: unknown): boolean {
  return error instanceof OrgdeskError && error.kind === 'api' && error.status === 404;
}

function whatExists(record: RotationRecord): RotationView['exists'] {
  const { create, store, revoke } = record.steps;
  const newCredential =
    record.outcome === 'cleaned_up'
      ? 'deleted'
      : create.status === 'done'
        ? 'exists'
        : create.status === 'started' || create.status === 'unknown'
          ? 'maybe'
          : 'none';
  const newSecretInKeychain =
    record.outcome === 'cleaned_up' || newCredential === 'none'
      ? 'no'
      : store.status === 'done'
        ? 'yes'
        : store.status === 'started'
          ? 'unknown'
          : 'no';
  const oldCredential =
    revoke.status === 'done'
      ? 'revoked'
      : revoke.status === 'started' || revoke.status === 'unknown'
        ? 'maybe_revoked'
        : 'working';
  return { oldCredential, newCredential, newSecretInKeychain };
}

function actionsFor(record: RotationRecord, state: RotationState): RotationAction[] {
  if (state !== 'failed' && state !== 'interrupted') return [];
  const { create, repoint, revoke } = record.steps;
  if (create.status === 'started' || create.status === 'unknown') return ['check', 'dismiss'];
  const actions: RotationAction[] = ['resume'];
  // Unused for sure: no profile was moved to it (step 4 moves all or none) and the old one is untouched.
  if (
    record.newCredential &&
    (repoint.status === 'pending' || repoint.status === 'failed') &&
    revoke.status === 'pending'
  ) {
    actions.push('clean_up');
  }
  actions.push('dismiss');
  return actions;
}

function summarize(
  record: RotationRecord,
  state: RotationState,
  exists: RotationView['exists'],
  actions: RotationAction[],
): string {
  const step = firstNotDone(record);
  const where = step ? `step ${ROTATION_STEPS.indexOf(step) + 1} (${STEP_LABELS[step]})` : 'the end';
  const created = record.newCredential;
  const profiles = record.repointed?.length ?? 0;
  if (state === 'running') return `Rotating: ${where}.`;
  if (state === 'done') {
    return `Rotated: "${record.newName}" (client ID ${created?.clientId}) replaced "${record.target.name}", which is revoked. ${signIn(profiles)} with the new credential now.`;
  }
  if (state === 'cleaned_up') {
    return `Cleaned up: the unused credential "${record.newName}" and its keychain item were deleted. The old credential still works.`;
  }
  if (state === 'nothing_created') {
    return `Step 1 (${STEP_LABELS.create}) failed: ${sentence(record.steps.create.error?.message)} Nothing was created; the old credential still works.`;
  }
  const parts: string[] = [];
  const error = step ? record.steps[step].error : undefined;
  const status = step ? record.steps[step].status : undefined;
  if (state === 'dismissed') parts.push(`Closed before ${where}.`);
  else if (status === 'started') parts.push(`Orgdesk stopped during ${where}, before it learned how the step ended.`);
  else if (status === 'unknown' && step === 'create') {
    parts.push(
      `${capital(where)} failed, and the server may have created the credential anyway: ${sentence(error?.message)}`,
    );
  } else if (error) parts.push(`${capital(where)} failed: ${sentence(error.message)}`);
  else if (state === 'interrupted') parts.push(`Orgdesk stopped before ${where}.`);
  else parts.push(`Stopped before ${where}.`);
  if (record.problem) parts.push(sentence(record.problem.message));

  if (exists.newCredential === 'maybe') parts.push(`A credential named "${record.newName}" may exist now.`);
  else if (exists.newCredential === 'exists' && created) {
    const secret =
      exists.newSecretInKeychain === 'yes'
        ? 'its secret is in the keychain'
        : exists.newSecretInKeychain === 'unknown'
          ? 'its secret may be in the keychain'
          : 'its secret is not saved';
    const use =
      profiles > 0
        ? `${signIn(profiles)} with it`
        : record.steps.repoint.status === 'started'
          ? 'some profiles may sign in with it'
          : 'nothing uses it';
    parts.push(`The new credential "${record.newName}" (client ID ${created.clientId}) exists, ${secret}, and ${use}.`);
  } else parts.push('No new credential was created.');
  parts.push(
    exists.oldCredential === 'working'
      ? 'The old credential still works.'
      : exists.oldCredential === 'maybe_revoked'
        ? 'The old credential may already be revoked.'
        : 'The old credential is revoked.',
  );
  const next: string[] = [];
  if (actions.includes('check')) next.push(`check whether "${record.newName}" exists`);
  if (actions.includes('resume')) next.push(`resume from ${where}`);
  if (actions.includes('clean_up')) next.push('clean up the unused new credential');
  if (next.length > 0) parts.push(`You can ${next.join(', or ')}.`);
  return parts.join(' ');
}

function sentence(text: string | undefined): string {
  if (!text) return 'no reason was given.';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "1 profile signs in", "2 profiles sign in". */
function signIn(profiles: number): string {
  return profiles === 1 ? '1 profile signs in' : `${profiles} profiles sign in`;
}

function logIds(target: RotationTarget): Record<string, string> {
  return {
    profileId: target.profileId,
    orgId: target.orgId,
    serviceAccountId: target.serviceAccountId,
    credentialId: target.credentialId,
  };
}
