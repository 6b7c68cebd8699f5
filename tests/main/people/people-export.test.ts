import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../../src/shared/api/identities';
import type { Invitation } from '../../../src/shared/api/invitations';
import type { CallContext } from '../../../src/shared/ipc/calls';
import { PeopleExportInput } from '../../../src/shared/ipc/people';
import type { ClientRegistry } from '../../../src/main/connections/client-registry';
import { CancelledError } from '../../../src/main/errors';
import { silentLogger } from '../../../src/main/log';
import { MAX_EXPORT_ROWS, PeopleExporter, type SaveFile } from '../../../src/main/people/people-export';

/** The exporter's own decisions, against a client that answers from memory and notes each call. */
const NOW = Date.parse('2026-11-25T12:00:00Z');

function identity(id: string, fields: Partial<Identity> = {}): Identity {
  return {
    id,
    type: 'user',
    email: `${id}@acme.example`,
    role: 'org_member',
    status: 'active',
    source: 'https://id.keycard.ai',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...fields,
  };
}

function invitation(id: string, expiresAt: string): Invitation {
  return {
    id,
    email: `${id}@guest.example`,
    role: 'org_member',
    status: 'pending',
    created_by: 'u0',
    expires_at: expiresAt,
    organization_id: 'org',
    created_at: '2026-11-01T00:00:00.000Z',
    updated_at: '2026-11-01T00:00:00.000Z',
  };
}

class FakeClient {
  readonly calls: string[] = [];
  constructor(
    private readonly identities: Identity[],
    private readonly invitations: Invitation[] = [],
    private readonly totalCount = identities.length,
  ) {}

  readonly organizations = {
    identities: {
      list: async () => {
        this.calls.push('identities.count');
        return {
          items: this.identities.slice(0, 1),
          page_info: { has_next_page: this.identities.length > 1, has_prev_page: false },
          pagination: { after_cursor: null, before_cursor: null, total_count: this.totalCount },
        };
      },
      listAll: async () => {
        this.calls.push('identities.listAll');
        return { items: this.identities };
      },
    },
    invitations: {
      listAll: async () => {
        this.calls.push('invitations.listAll');
        return { items: this.invitations };
      },
    },
  };
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orgdesk-export-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function call(signal = new AbortController().signal): CallContext {
  return { signal, deadline: { at: NOW + 300_000, ms: 300_000 } };
}

function exporter(client: FakeClient, saveFile: SaveFile): PeopleExporter {
  const clients = { forProfile: async () => client } as unknown as ClientRegistry;
  return new PeopleExporter(clients, saveFile, silentLogger, () => NOW);
}

const input = (fields: Record<string, unknown> = {}) =>
  PeopleExportInput.parse({
    profileId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    orgId: 'acme',
    format: 'json',
    ...fields,
  });

async function exported(path: string): Promise<Array<Record<string, unknown>>> {
  return JSON.parse(await readFile(path, 'utf8')) as Array<Record<string, unknown>>;
}

describe('PeopleExporter', () => {
  it('reads a pending invitation past its expiry as expired, and filters and sorts on that', async () => {
    const client = new FakeClient(
      [
        identity('member'),
        identity('late', { type: 'invitation', status: 'pending', source: null }),
        identity('open', { type: 'invitation', status: 'pending', source: null }),
      ],
      [invitation('late', '2026-11-25T11:00:00.000Z'), invitation('open', '2026-12-01T00:00:00.000Z')],
    );
    const path = join(dir, 'people.json');
    const run = exporter(client, async () => path);

    await expect(run.export(input({ status: 'expired' }), call())).resolves.toEqual({ saved: true, path, count: 1 });
    expect(await exported(path)).toEqual([
      expect.objectContaining({ id: 'late', status: 'expired', expires_at: '2026-11-25T11:00:00.000Z' }),
    ]);

    await run.export(input({ sort: { column: 'status', direction: 'asc' } }), call());
    expect((await exported(path)).map((row) => [row.id, row.status])).toEqual([
      ['member', 'active'],
      ['open', 'pending'],
      ['late', 'expired'],
    ]);
  });

  it('reads no invitations when the list holds none', async () => {
    const client = new FakeClient([identity('a'), identity('b')]);
    await exporter(client, async () => join(dir, 'people.csv')).export(input({ format: 'csv' }), call());
    expect(client.calls).toEqual(['identities.count', 'identities.listAll']);
  });

  it('refuses a list past the cap by name from the count, before walking it or writing', async () => {
    const client = new FakeClient([identity('a')], [], MAX_EXPORT_ROWS + 1);
    const error = await exporter(client, async () => join(dir, 'people.csv'))
      .export(input(), call())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_input', code: 'export_too_large' });
    expect((error as Error).message).toBe(
      'The list holds 200,001 people; Orgdesk exports at most 200,000 at once. Narrow it with a search or a role filter.',
    );
    expect(client.calls).toEqual(['identities.count']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('offers the organization and the date as the file name, and does nothing more when cancelled', async () => {
    const client = new FakeClient([identity('a')]);
    const asked: unknown[] = [];
    const result = await exporter(client, async (request) => {
      asked.push(request);
      return undefined;
    }).export(input({ format: 'csv' }), call());
    expect(result).toEqual({ saved: false });
    expect(asked).toEqual([{ defaultName: 'acme-people-2026-11-25.csv', format: 'csv' }]);
    expect(client.calls).toEqual([]);
  });

  it('stops after the dialog when the call was cancelled while it was open', async () => {
    const client = new FakeClient([identity('a')]);
    const controller = new AbortController();
    const run = exporter(client, async () => {
      controller.abort(new CancelledError());
      return join(dir, 'people.json');
    });
    await expect(run.export(input(), call(controller.signal))).rejects.toBeInstanceOf(CancelledError);
    expect(client.calls).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });
});
