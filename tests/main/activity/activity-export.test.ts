import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityExporter } from '../../../src/main/activity/activity-export';
import { ActivityLog } from '../../../src/main/activity/activity-log';
import { silentLogger } from '../../../src/main/log';
import type { SaveFile } from '../../../src/main/people/people-export';
import type { CallContext } from '../../../src/shared/ipc/calls';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const OWNER = { profileId: '7c9e6679-7425-40de-944b-e07fc1f90ae7', profileName: '=Work' };
const call: CallContext = { signal: new AbortController().signal, deadline: { at: NOW + 60_000, ms: 60_000 } };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgdesk-activity-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function filled(): ActivityLog {
  const log = new ActivityLog();
  const base = { startedAt: NOW, method: 'GET' as const, ms: 5, attempt: 1 };
  log.record(OWNER, { ...base, target: '/organizations/acme/users', requestId: 'r-ok', status: 200 });
  log.record(OWNER, { ...base, target: '/organizations/acme/users', requestId: 'r-bad', status: 500, attempt: 2 });
  log.record(OWNER, { ...base, target: '/organizations', requestId: 'r-lost', failure: 'timeout' });
  return log;
}

describe('exporting the activity log', () => {
  it('offers a dated name, and writes nothing when the dialog is cancelled', async () => {
    const asked: string[] = [];
    const saveFile: SaveFile = async ({ defaultName }) => {
      asked.push(defaultName);
      return undefined;
    };
    const exporter = new ActivityExporter(filled(), saveFile, silentLogger, () => NOW);
    await expect(exporter.export({ format: 'csv', orgId: 'acme' }, call)).resolves.toEqual({ saved: false });
    await expect(exporter.export({ format: 'json' }, call)).resolves.toEqual({ saved: false });
    expect(asked).toEqual(['acme-activity-2026-11-25.csv', 'orgdesk-activity-2026-11-25.json']);
  });

  it('writes the filtered entries as CSV, newest first, a formula-looking cell defused', async () => {
    const path = join(dir, 'a.csv');
    const exporter = new ActivityExporter(
      filled(),
      async () => path,
      silentLogger,
      () => NOW,
    );
    const result = await exporter.export({ format: 'csv', errorsOnly: true }, call);
    expect(result).toEqual({ saved: true, path, count: 2 });
    const lines = (await readFile(path, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([
      'at,profileName,orgId,method,path,status,failure,ms,retry,requestId,profileId',
      `2026-11-25T12:00:00.000Z,'=Work,,GET,/organizations,,timeout,5,0,r-lost,${OWNER.profileId}`,
      `2026-11-25T12:00:00.000Z,'=Work,acme,GET,/organizations/acme/users,500,,5,1,r-bad,${OWNER.profileId}`,
    ]);
  });

  it('writes JSON entries as the list answers them', async () => {
    const path = join(dir, 'a.json');
    const log = filled();
    const exporter = new ActivityExporter(
      log,
      async () => path,
      silentLogger,
      () => NOW,
    );
    await exporter.export({ format: 'json', orgId: 'acme' }, call);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(log.list({ orgId: 'acme' }).entries);
  });
});
