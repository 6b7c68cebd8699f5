import { parseArgs } from 'node:util';
import { exposureFor } from './exposure';
import { startSandbox, type SandboxCredential, type SandboxOptions } from './server';

const DEFAULT_PORT = 4010;
/** Exit status for a command line the sandbox refuses; 1 stays for failures while running. */
const USAGE_EXIT_CODE = 2;

class UsageError extends Error {}

/** Whatever `check` refuses about the command line is a usage error. */
function refused<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function nonNegativeInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * One row per (credential, organization). Printing secrets is the point: they log in to this
 * sandbox only, and are either the fixed local ones or, with --allow-remote, made for this run.
 */
function credentialRows(credentials: readonly SandboxCredential[]): string[][] {
  const rows = [['CREDENTIAL', 'ORGANIZATION', 'ROLE', 'CLIENT_ID', 'CLIENT_SECRET']];
  for (const credential of credentials) {
    for (const membership of credential.memberships) {
      rows.push([
        credential.name,
        membership.organizationLabel,
        membership.role,
        credential.clientId,
        credential.clientSecret,
      ]);
    }
  }
  return rows;
}

/** Everything a command line can get wrong is refused here, before anything listens. */
function optionsFromCommandLine(): SandboxOptions {
  const { values } = refused(() =>
    parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-remote': { type: 'boolean' },
        'users-per-org': { type: 'string' },
        'extra-organizations': { type: 'string' },
        'people-at-scale': { type: 'string' },
        'token-ttl': { type: 'string' },
      },
    }),
  );
  const host = values.host ?? '127.0.0.1';
  const allowRemote = values['allow-remote'] ?? false;
  refused(() => exposureFor(host, allowRemote));
  const port = nonNegativeInt(values.port ?? process.env['SANDBOX_PORT'], 'port') ?? DEFAULT_PORT;
  const usersPerOrg = nonNegativeInt(values['users-per-org'], '--users-per-org');
  const extraOrganizations = nonNegativeInt(values['extra-organizations'], '--extra-organizations');
  const peopleAtScale = nonNegativeInt(values['people-at-scale'], '--people-at-scale');
  const tokenTtlSeconds = nonNegativeInt(values['token-ttl'], '--token-ttl');
  return {
    host,
    allowRemote,
    port,
    seed: {
      ...(usersPerOrg === undefined ? {} : { usersPerOrg }),
      ...(extraOrganizations === undefined ? {} : { extraOrganizations }),
      ...(peopleAtScale === undefined ? {} : { peopleAtScale }),
    },
    ...(tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds }),
  };
}

async function main(): Promise<void> {
  const sandbox = await startSandbox(optionsFromCommandLine());

  if (sandbox.remote) {
    console.warn(
      'WARNING: --allow-remote: this sandbox and the credentials below are reachable from the network.\n' +
        'Its secrets were generated for this run; anyone who can reach the port and read them can log in.\n',
    );
  }
  console.log(`Keycard sandbox listening on ${sandbox.url}`);
  console.log(`Token endpoint: POST ${sandbox.url}/service-account-token (grant_type=client_credentials)\n`);
  console.log(table(credentialRows(sandbox.credentials)));
  console.log(
    `\nPrimary login: client_id ${sandbox.primaryCredential.clientId}  client_secret ${sandbox.primaryCredential.clientSecret}`,
  );
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof UsageError ? USAGE_EXIT_CODE : 1);
});
