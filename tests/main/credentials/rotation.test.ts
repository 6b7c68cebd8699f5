import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiErrorFor, ConnectionError } from '../../../src/main/api/core/errors';
import { mayHaveActed, rotatedName, type RotationView } from '../../../src/main/credentials/rotation';
import { ROTATION_STEPS, type RotationStep } from '../../../src/main/credentials/rotation-journal';
import { CancelledError } from '../../../src/main/errors';
import { KeychainError } from '../../../src/main/secrets/secret-store';
import { filesUnder, OLD, RotationWorld, rotationProcess, TARGET, type PortMethod } from './rotation-world';

/** What each step calls first on the port; a fault there fails (or stops) that step. */
const STEP_METHOD: Record<RotationStep, PortMethod> = {
  create: 'createCredential',
  store: 'storeSecret',
  verify: 'verifyLogin',
  repoint: 'repointProfiles',
  revoke: 'revokeCredential',
};

const statuses = (view: RotationView) => Object.fromEntries(view.steps.map((s) => [s.step, s.status]));

/** Everything that could leak, gathered for a scan. */
const seen: Array<() => Promise<string>> = [];
afterEach(() => {
  seen.length = 0;
});

async function setup(world = new RotationWorld(), dir?: string) {
  const process = await rotationProcess(world, dir);
  seen.push(async () => [process.lines.join('\n'), await filesUnder(process.dir)].join('\n'));
  return { world, ...process };
}

/** Neither the logs, the files, the views nor the errors hold any secret the world issued. */
async function expectNoSecret(world: RotationWorld, ...answers: unknown[]): Promise<void> {
  const texts = [...(await Promise.all(seen.map((read) => read()))), ...answers.map((a) => JSON.stringify(a))];
  for (const secret of world.secrets) for (const text of texts) expect(text).not.toContain(secret);
}

/** The old credential is revoked only after step 3 proved the new one. */
function expectRevokedOnlyAfterVerify(world: RotationWorld): void {
  const revokeAt = world.calls.indexOf('revokeCredential');
  if (revokeAt === -1) return;
  expect(world.calls.slice(0, revokeAt)).toContain('verifyLogin');
}

describe('a rotation that goes through', () => {
  it('runs the five steps in order and leaves exactly one new credential, used by every profile', async () => {
    const { world, rotation, dir, lines } = await setup();
    const progress: string[] = [];
    rotation.onProgress((view) => progress.push(view.steps.map((s) => s.status[0]).join('')));

    const view = await rotation.start(TARGET);

    expect(view.state).toBe('done');
    expect(view.actions).toEqual([]);
    expect(world.newCredentials()).toHaveLength(1);
    const created = world.newCredentials()[0]!;
    expect(created.name).toBe('deploy bot (rotated 2026-11-25 09:30 UTC)');
    expect(view.newCredential).toEqual({ id: created.id, clientId: created.clientId });
    expect(world.oldIsWorking()).toBe(false);
    expect(world.revoked).toEqual([OLD.id]);
    expect(world.profiles.get('profile-a')).toEqual({ clientId: created.clientId, secret: created.secret });
    expect(world.profiles.get('profile-b')?.clientId).toBe(created.clientId);
    expect(world.profiles.get('profile-other')?.clientId).toBe('ci_other');
    expect(view.repointedProfileIds).toEqual(['profile-a', 'profile-b']);
    expect(world.keychain.get(created.id)).toBe(created.secret);
    // The old credential's keychain item goes with it.
    expect(world.keychain.has(OLD.id)).toBe(false);
    expect(world.calls).toEqual([
      'createCredential',
      'storeSecret',
      'readSecret',
      'verifyLogin',
      'readSecret',
      'repointProfiles',
      'profilesUsing',
      'revokeCredential',
      'deleteSecret',
    ]);
    // Each step was recorded started, then done, before the next began.
    expect(progress).toEqual([
      'sp' + 'ppp',
      'dp' + 'ppp',
      'ds' + 'ppp',
      'dd' + 'ppp',
      'dds' + 'pp',
      'ddd' + 'pp',
      'ddds' + 'p',
      'dddd' + 'p',
      'dddds',
      'ddddd',
      'ddddd',
    ]);
    expect(view.summary).toBe(
      `Rotated: "deploy bot (rotated 2026-11-25 09:30 UTC)" (client ID ${created.clientId}) replaced "deploy bot", which is revoked. 2 profiles sign in with the new credential now.`,
    );
    const journal = JSON.parse(await readFile(join(dir, 'credential-rotations.json'), 'utf8'));
    expect(journal).toMatchObject({ version: 1, rotations: [{ outcome: 'done', target: TARGET }] });
    expect(lines.some((line) => line.includes('rotation.done'))).toBe(true);
    await expectNoSecret(world, view);
  });

  it('refuses a second click while it runs, and a retried request once it is done, creating one credential', async () => {
    const { world, rotation, dir } = await setup();
    const [first, second] = await Promise.allSettled([rotation.start(TARGET), rotation.start(TARGET)]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { state: 'done' } });
    expect(second).toMatchObject({
      status: 'rejected',
      reason: { kind: 'invalid_input', code: 'rotation_in_progress', fields: [{ path: 'credentialId' }] },
    });
    await expect(rotation.start(TARGET)).rejects.toMatchObject({ code: 'rotation_already_done' });
    // So does another process reading the journal.
    const { rotation: later } = await setup(world, dir);
    await expect(later.start(TARGET)).rejects.toMatchObject({ code: 'rotation_already_done' });
    expect(world.calls.filter((c) => c === 'createCredential')).toHaveLength(1);
    expect(world.newCredentials()).toHaveLength(1);
  });

  it('refuses a target described wrongly, by field, before anything is sent', async () => {
    const { world, rotation } = await setup();
    await expect(rotation.start({ ...TARGET, credentialId: '', clientId: 42 })).rejects.toMatchObject({
      kind: 'invalid_input',
      fields: [{ path: 'credentialId' }, { path: 'clientId' }],
    });
    expect(world.calls).toEqual([]);
  });
});

describe('a step that fails stops the rotation, keeps the old credential and says what exists', () => {
  it('step 1 refused by the server: nothing created, nothing to clean up, and a new rotation may start', async () => {
    const world = new RotationWorld().fail('createCredential', {
      when: 'before',
      error: apiErrorFor(422, { serverMessage: 'Name is too long.' }),
    });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    expect(view.state).toBe('nothing_created');
    expect(statuses(view)).toMatchObject({ create: 'failed', store: 'pending' });
    expect(view.exists).toEqual({ oldCredential: 'working', newCredential: 'none', newSecretInKeychain: 'no' });
    expect(view.actions).toEqual([]);
    expect(view.summary).toBe(
      'Step 1 (create the new credential) failed: Name is too long. Nothing was created; the old credential still works.',
    );
    expect(world.newCredentials()).toEqual([]);
    expect(world.oldIsWorking()).toBe(true);
    expect((await rotation.start(TARGET)).state).toBe('done');
    await expectNoSecret(world, view);
  });

  it('step 1 answered 500 after the server created it: "may have created", then check finds it and clean-up deletes it', async () => {
    const world = new RotationWorld().fail('createCredential', {
      when: 'after',
      error: apiErrorFor(500, { serverMessage: 'Internal error.' }),
    });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    expect(view.state).toBe('failed');
    expect(statuses(view).create).toBe('unknown');
    expect(view.exists.newCredential).toBe('maybe');
    expect(view.actions).toEqual(['check', 'dismiss']);
    expect(view.summary).toContain('may have created the credential anyway');
    expect(view.summary).toContain('A credential named "deploy bot (rotated 2026-11-25 09:30 UTC)" may exist now.');
    expect(view.summary).toContain('The old credential still works.');
    // Never sent again: not by resume, not by a new start.
    await expect(rotation.resume(view.id)).rejects.toMatchObject({ code: 'rotation_action_unavailable' });
    await expect(rotation.start(TARGET)).rejects.toMatchObject({ code: 'rotation_in_progress' });

    const checked = await rotation.check(view.id);
    const created = world.newCredentials()[0]!;
    expect(checked.newCredential).toEqual({ id: created.id, clientId: created.clientId });
    expect(statuses(checked)).toMatchObject({ create: 'done', store: 'failed' });
    expect(checked.actions).toEqual(['resume', 'clean_up', 'dismiss']);
    expect(checked.summary).toContain('its secret never reached Orgdesk');

    const cleaned = await rotation.cleanUp(view.id);
    expect(cleaned.state).toBe('cleaned_up');
    expect(world.newCredentials()).toEqual([]);
    expect(world.oldIsWorking()).toBe(true);
    expect(world.calls.filter((c) => c === 'createCredential')).toHaveLength(1);
    await expectNoSecret(world, view, checked, cleaned);
  });

  it('step 1 lost on a connection that never sent it: nothing created; a check finding none closes it', async () => {
    const unsent = new RotationWorld().fail('createCredential', {
      when: 'before',
      error: new ConnectionError('Could not connect to api.keycard.ai.', { maybeSent: false }),
    });
    expect((await (await setup(unsent)).rotation.start(TARGET)).state).toBe('nothing_created');

    const reset = new RotationWorld().fail('createCredential', {
      when: 'before',
      error: new ConnectionError('The connection was reset.', { maybeSent: true }),
    });
    const { rotation } = await setup(reset);
    const view = await rotation.start(TARGET);
    expect(statuses(view).create).toBe('unknown');
    const checked = await rotation.check(view.id);
    expect(checked.state).toBe('nothing_created');
    expect(checked.summary).toContain('created none');
    expect(reset.newCredentials()).toEqual([]);
  });

  it('step 2 on a locked keychain: the secret waits in memory, and resume after unlocking finishes', async () => {
    const world = new RotationWorld();
    world.keychainLocked = true;
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    expect(view.state).toBe('failed');
    expect(statuses(view)).toMatchObject({ create: 'done', store: 'failed', verify: 'pending' });
    expect(view.steps[1]!.error).toMatchObject({ kind: 'keychain' });
    expect(view.exists).toEqual({ oldCredential: 'working', newCredential: 'exists', newSecretInKeychain: 'no' });
    expect(view.actions).toEqual(['resume', 'clean_up', 'dismiss']);
    expect(world.oldIsWorking()).toBe(true);
    expect(world.profiles.get('profile-a')?.clientId).toBe(OLD.clientId);

    world.keychainLocked = false;
    const resumed = await rotation.resume(view.id);
    expect(resumed.state).toBe('done');
    expect(world.newCredentials()).toHaveLength(1);
    await expectNoSecret(world, view, resumed);
  });

  it('step 3 (the new credential cannot sign in): old kept, clean-up deletes the new one and its keychain item', async () => {
    const world = new RotationWorld().fail('verifyLogin', {
      when: 'before',
      error: apiErrorFor(401, { serverMessage: 'Invalid client credentials.' }),
    });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    const created = world.newCredentials()[0]!;
    expect(view.state).toBe('failed');
    expect(statuses(view)).toMatchObject({ create: 'done', store: 'done', verify: 'failed', revoke: 'pending' });
    expect(view.exists).toEqual({ oldCredential: 'working', newCredential: 'exists', newSecretInKeychain: 'yes' });
    expect(view.summary).toBe(
      `Step 3 (sign in with it and make one read) failed: Invalid client credentials. The new credential "deploy bot (rotated 2026-11-25 09:30 UTC)" (client ID ${created.clientId}) exists, its secret is in the keychain, and nothing uses it. The old credential still works. You can resume from step 3 (sign in with it and make one read), or clean up the unused new credential.`,
    );
    expect(world.calls).not.toContain('repointProfiles');
    expect(world.calls).not.toContain('revokeCredential');

    const cleaned = await rotation.cleanUp(view.id);
    expect(cleaned.state).toBe('cleaned_up');
    expect(cleaned.exists).toEqual({ oldCredential: 'working', newCredential: 'deleted', newSecretInKeychain: 'no' });
    expect(world.newCredentials()).toEqual([]);
    expect(world.keychain.has(created.id)).toBe(false);
    expect(world.oldIsWorking()).toBe(true);
    expect(world.profiles.get('profile-a')?.clientId).toBe(OLD.clientId);
    await expectNoSecret(world, view, cleaned);
  });

  it('step 4 (profiles could not be switched): none moved, old kept, both ways on offered', async () => {
    const world = new RotationWorld().fail('repointProfiles', {
      when: 'before',
      error: new KeychainError('save the secret', new Error('collection is locked')),
    });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    expect(view.state).toBe('failed');
    expect(statuses(view)).toMatchObject({ verify: 'done', repoint: 'failed', revoke: 'pending' });
    expect(view.actions).toEqual(['resume', 'clean_up', 'dismiss']);
    expect(world.oldIsWorking()).toBe(true);
    expect(world.profiles.get('profile-a')?.clientId).toBe(OLD.clientId);
    expect((await rotation.resume(view.id)).state).toBe('done');
    expect(world.profiles.get('profile-a')?.clientId).toBe(world.newCredentials()[0]!.clientId);
  });

  it('step 5 answered 500: the old one may be revoked, profiles already moved, no clean-up; resume finishes', async () => {
    const world = new RotationWorld().fail('revokeCredential', {
      when: 'after',
      error: apiErrorFor(500, { serverMessage: 'Internal error.' }),
    });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    expect(view.state).toBe('failed');
    expect(statuses(view)).toMatchObject({ repoint: 'done', revoke: 'unknown' });
    expect(view.exists.oldCredential).toBe('maybe_revoked');
    expect(view.actions).toEqual(['resume', 'dismiss']);
    expect(view.summary).toContain('2 profiles sign in with it');
    await expect(rotation.cleanUp(view.id)).rejects.toMatchObject({ code: 'rotation_action_unavailable' });
    // It was revoked after all: the retry's 404 counts as done.
    const resumed = await rotation.resume(view.id);
    expect(resumed.state).toBe('done');
    expect(world.newCredentials()).toHaveLength(1);
  });

  it('step 5 refused (403): the old one still works until a resume revokes it', async () => {
    const world = new RotationWorld().fail('revokeCredential', {
      when: 'before',
      error: apiErrorFor(403, { serverMessage: 'You may not delete credentials.' }),
    });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    expect(statuses(view).revoke).toBe('failed');
    expect(view.exists.oldCredential).toBe('working');
    expect(view.summary).toContain('Step 5 (revoke the old credential) failed: You may not delete credentials.');
    expect(world.oldIsWorking()).toBe(true);
    expect((await rotation.resume(view.id)).state).toBe('done');
    expect(world.oldIsWorking()).toBe(false);
  });

  it('refuses to clean up a new credential a profile signs in with, whatever the journal says', async () => {
    const world = new RotationWorld().fail('verifyLogin', { when: 'before', error: apiErrorFor(503, {}) });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    const created = world.newCredentials()[0]!;
    world.profiles.set('profile-by-hand', { clientId: created.clientId, secret: created.secret });
    const refused = await rotation.cleanUp(view.id);
    expect(refused.state).toBe('failed');
    expect(refused.problem).toMatchObject({ code: 'rotation_new_credential_in_use' });
    expect(refused.summary).toContain('1 profile signs in with the new credential already');
    expect(world.newCredentials()).toHaveLength(1);
  });

  it('counts a new credential already deleted by hand as cleaned up', async () => {
    const world = new RotationWorld().fail('verifyLogin', { when: 'before', error: apiErrorFor(401, {}) });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    world.server.delete(view.newCredential!.id);
    expect((await rotation.cleanUp(view.id)).state).toBe('cleaned_up');
    expect(world.keychain.has(view.newCredential!.id)).toBe(false);
  });

  it('leaves the user to look when several credentials bear the new name', async () => {
    const world = new RotationWorld().fail('createCredential', { when: 'after', error: apiErrorFor(502, {}) });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    world.server.set('cred_by_hand', {
      id: 'cred_by_hand',
      clientId: 'ci_by_hand',
      name: view.newName,
      secret: 'cs_by_hand',
    });
    const checked = await rotation.check(view.id);
    expect(checked.state).toBe('failed');
    expect(checked.problem).toMatchObject({ code: 'rotation_several_named' });
    expect(checked.summary).toContain('2 credentials are named "deploy bot (rotated 2026-11-25 09:30 UTC)"');
    expect(checked.actions).toEqual(['check', 'dismiss']);
    expect((await rotation.dismiss(view.id)).state).toBe('dismissed');
    expect(world.calls.filter((c) => c === 'createCredential')).toHaveLength(1);
  });

  it('keeps a clean-up that failed open, to be tried again', async () => {
    const world = new RotationWorld().fail('verifyLogin', { when: 'before', error: apiErrorFor(401, {}) });
    const { rotation } = await setup(world);
    const view = await rotation.start(TARGET);
    world.fail('deleteCredential', { when: 'before', error: apiErrorFor(500, { serverMessage: 'Try later.' }) });
    const failed = await rotation.cleanUp(view.id);
    expect(failed).toMatchObject({ state: 'failed', problem: { message: 'Try later.' } });
    expect(failed.actions).toContain('clean_up');
    expect((await rotation.cleanUp(view.id)).state).toBe('cleaned_up');
    expect(world.newCredentials()).toEqual([]);
  });
});

describe('a port that puts the secret in its error', () => {
  it('never lets it into the view, the journal or the log', async () => {
    const world = new RotationWorld();
    const port = world.port();
    const leaky = (secret: string) => new KeychainError('save the secret', new Error(`refused ${secret}`));
    const { rotation, lines } = await setup(world);
    // A careless adapter: its errors quote the secret it was given.
    world.port = () => ({
      ...port,
      storeSecret: async (_credential, secret) => {
        throw leaky(secret);
      },
    });
    const view = await rotation.start(TARGET);
    expect(view.steps[1]).toMatchObject({
      status: 'failed',
      error: { message: 'The step failed; the log has the details.' },
    });
    expect(lines.some((line) => line.includes('rotation.step_failed'))).toBe(true);
    world.port = () => ({
      ...port,
      storeSecret: async (_credential, secret) => {
        throw new Error(`bug near ${secret}`);
      },
    });
    const again = await rotation.resume(view.id);
    expect(again.steps[1]!.error).toEqual({
      kind: 'internal',
      message: 'Something unexpected went wrong; the log has the details.',
    });
    await expectNoSecret(world, view, again);
  });
});

describe('Orgdesk stopping mid-way: a new process reads the journal', () => {
  /**
   * For every step, the process dies while the step is under way — before it acted, or after it
   * acted but before its answer arrived — and a new process takes over from the journal.
   */
  const cases = ROTATION_STEPS.flatMap((step) =>
    (['hang_before', 'hang_after'] as const).map((when) => ({ step, when })),
  );

  it.each(cases)(
    'during $step ($when): reported as interrupted, then finished or cleaned up, one credential at most',
    async ({ step, when }) => {
      const world = new RotationWorld().fail(STEP_METHOD[step], { when });
      const first = await setup(world);
      void first.rotation.start(TARGET);
      await waitFor(() => world.calls.includes(STEP_METHOD[step]));

      const second = await setup(world, first.dir);
      const [report] = await second.rotation.list();
      expect(report).toBeDefined();
      expect(report!.state).toBe('interrupted');
      expect(statuses(report!)[step]).toBe('started');
      expect(report!.summary).toContain(`Orgdesk stopped during step ${ROTATION_STEPS.indexOf(step) + 1}`);
      await expect(second.rotation.start(TARGET)).rejects.toMatchObject({ code: 'rotation_in_progress' });

      let end: RotationView;
      if (step === 'create') {
        // A create that may have been sent is looked for, never sent again.
        expect(report!.actions).toEqual(['check', 'dismiss']);
        expect(report!.exists.newCredential).toBe('maybe');
        const checked = await second.rotation.check(report!.id);
        if (when === 'hang_before') {
          expect(checked.state).toBe('nothing_created');
          end = checked;
        } else {
          expect(checked.actions).toContain('clean_up');
          end = await second.rotation.cleanUp(report!.id);
          expect(end.state).toBe('cleaned_up');
        }
        expect(world.newCredentials()).toEqual([]);
      } else if (step === 'store' && when === 'hang_before') {
        // The secret was only in the dead process's memory: the new credential must go.
        const resumed = await second.rotation.resume(report!.id);
        expect(resumed.state).toBe('failed');
        expect(resumed.steps[1]).toMatchObject({ status: 'failed', error: { code: 'rotation_secret_lost' } });
        expect(resumed.actions).toContain('clean_up');
        end = await second.rotation.cleanUp(report!.id);
        expect(end.state).toBe('cleaned_up');
        expect(world.newCredentials()).toEqual([]);
      } else {
        expect(report!.actions[0]).toBe('resume');
        end = await second.rotation.resume(report!.id);
        expect(end.state).toBe('done');
        expect(world.newCredentials()).toHaveLength(1);
        expect(world.oldIsWorking()).toBe(false);
        const created = world.newCredentials()[0]!;
        expect(world.profiles.get('profile-a')).toEqual({ clientId: created.clientId, secret: created.secret });
      }
      expect(world.calls.filter((c) => c === 'createCredential')).toHaveLength(1);
      if (end.state !== 'done') expect(world.oldIsWorking()).toBe(true);
      expectRevokedOnlyAfterVerify(world);
      await expectNoSecret(world, report, end);
    },
  );

  it.each(ROTATION_STEPS.slice(0, -1))(
    'after %s was recorded done, before the next began: resumes at the next step',
    async (step) => {
      const world = new RotationWorld();
      const first = await setup(world);
      const next = ROTATION_STEPS[ROTATION_STEPS.indexOf(step) + 1]!;
      first.journal.hangWhen = (records) => records[0]?.steps[next].status === 'started';
      void first.rotation.start(TARGET);
      await waitFor(() => first.journal.hangWhen === undefined);

      const second = await setup(world, first.dir);
      const [report] = await second.rotation.list();
      expect(report!.state).toBe('interrupted');
      expect(statuses(report!)[step]).toBe('done');
      expect(statuses(report!)[next]).toBe('pending');
      expect(report!.summary).toContain(`Orgdesk stopped before step ${ROTATION_STEPS.indexOf(next) + 1}`);
      if (step === 'create') {
        // The secret died with the process before it was saved.
        const resumed = await second.rotation.resume(report!.id);
        expect(resumed.steps[1]!.error?.code).toBe('rotation_secret_lost');
        expect((await second.rotation.cleanUp(report!.id)).state).toBe('cleaned_up');
        expect(world.newCredentials()).toEqual([]);
      } else {
        expect((await second.rotation.resume(report!.id)).state).toBe('done');
        expect(world.newCredentials()).toHaveLength(1);
      }
      expect(world.calls.filter((c) => c === 'createCredential')).toHaveLength(1);
      expectRevokedOnlyAfterVerify(world);
      await expectNoSecret(world, report);
    },
  );

  it('lets an interrupted rotation be dismissed, after which the credential can be rotated again', async () => {
    const world = new RotationWorld().fail('verifyLogin', { when: 'hang_before' });
    const first = await setup(world);
    void first.rotation.start(TARGET);
    await waitFor(() => world.calls.includes('verifyLogin'));
    const second = await setup(world, first.dir);
    const [report] = await second.rotation.list();
    expect((await second.rotation.dismiss(report!.id)).state).toBe('dismissed');
    expect(await second.rotation.list()).toEqual([]);
    expect((await second.rotation.start(TARGET)).state).toBe('done');
  });
});

describe('the journal', () => {
  it('stops before a step when its start cannot be recorded, and nothing was sent', async () => {
    const { world, journal, rotation, dir } = await setup();
    // The rotation's own first write goes through; recording step 1 as started does not.
    journal.failWrite = 2;
    const view = await rotation.start(TARGET);
    expect(view.state).toBe('failed');
    expect(statuses(view).create).toBe('pending');
    expect(view.problem).toEqual({
      kind: 'file',
      code: 'rotations_unwritable',
      message: `Orgdesk could not record the rotation's progress in ${join(dir, 'credential-rotations.json')} (ENOSPC).`,
    });
    expect(world.calls).toEqual([]);
    expect(view.actions).toEqual(['resume', 'dismiss']);
    expect((await rotation.resume(view.id)).state).toBe('done');
  });

  it('is refused whole when even the first record cannot be written', async () => {
    const { world, journal, rotation } = await setup();
    journal.failWrites = true;
    await expect(rotation.start(TARGET)).rejects.toMatchObject({ kind: 'file', code: 'rotations_unwritable' });
    expect(world.calls).toEqual([]);
    journal.failWrites = false;
    expect((await rotation.start(TARGET)).state).toBe('done');
  });

  it('moves an unreadable journal aside and says so', async () => {
    const { dir } = await setup();
    const { writeFile, readdir } = await import('node:fs/promises');
    await writeFile(join(dir, 'credential-rotations.json'), '{"version":1,"rotations":[{"id":1}]}');
    const { rotation, journal } = await setup(new RotationWorld(), dir);
    expect(await rotation.list()).toEqual([]);
    expect(journal.problems[0]).toContain('does not match the expected format');
    expect((await readdir(dir)).some((name) => name.startsWith('credential-rotations.json.corrupt-'))).toBe(true);
  });
});

describe('names and failures', () => {
  it('names the new credential after the old one, once, within the API limit', () => {
    const at = new Date('2026-11-25T09:30:00Z');
    expect(rotatedName('deploy bot', at)).toBe('deploy bot (rotated 2026-11-25 09:30 UTC)');
    expect(rotatedName('deploy bot (rotated 2026-10-01 08:00 UTC)', at)).toBe(
      'deploy bot (rotated 2026-11-25 09:30 UTC)',
    );
    expect(rotatedName('deploy bot (rotated 2026-10-01)', at)).toBe('deploy bot (rotated 2026-11-25 09:30 UTC)');
    expect(rotatedName('', at)).toBe('Credential (rotated 2026-11-25 09:30 UTC)');
    // 224 units are left for the old name; the 224th would be half of the emoji.
    expect(rotatedName(`${'x'.repeat(230)}tail`, at)).toHaveLength(255);
    expect(rotatedName(`${'x'.repeat(223)}😀tail`, at)).toBe(`${'x'.repeat(223)} (rotated 2026-11-25 09:30 UTC)`);
  });

  it('tells a failure that may have acted on the server from one that did not', () => {
    expect(mayHaveActed(apiErrorFor(500, {}))).toBe(true);
    expect(mayHaveActed(apiErrorFor(409, {}))).toBe(false);
    expect(mayHaveActed(apiErrorFor(429, {}))).toBe(false);
    expect(mayHaveActed(new ConnectionError('reset', { maybeSent: true }))).toBe(true);
    expect(mayHaveActed(new ConnectionError('refused', { maybeSent: false }))).toBe(false);
    expect(mayHaveActed(new CancelledError())).toBe(false);
    expect(mayHaveActed(new CancelledError('Cancelled after sending.', 'outcome_unknown'))).toBe(true);
    expect(mayHaveActed(new KeychainError('save the secret'))).toBe(false);
    expect(mayHaveActed(new Error('a bug'))).toBe(true);
  });
});

/** Until the first process got as far as the test needs (a generous bound, not a timing assertion). */
async function waitFor(condition: () => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error('not yet');
    },
    { timeout: 10_000, interval: 5 },
  );
}
