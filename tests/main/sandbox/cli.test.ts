import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const started: ChildProcess[] = [];

interface Outcome {
  /** Exit code, or `listening` if the sandbox started (then it is killed in afterEach). */
  readonly code: number | null | 'listening';
  readonly stdout: string;
  readonly stderr: string;
}

/** Resolves with `listening` once stdout holds `until`, or with the exit code if it ends first. */
function runCli(args: readonly string[], until = 'listening'): Promise<Outcome> {
  // Its own process group, so afterEach can end npx, tsx and node together.
  const child = spawn('npx', ['tsx', 'src/main/sandbox/cli.ts', ...args], { cwd: repoRoot, detached: true });
  started.push(child);
  let stdout = '';
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(until)) resolve({ code: 'listening', stdout, stderr });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid);
  }
});

describe('sandbox command line', () => {
  // The bound is for npx and tsx starting on a slow, shared machine; the refusal comes before anything starts.
  it('refuses a non-loopback --host without --allow-remote: exit 2, a clear message, no secrets', async () => {
    const outcome = await runCli(['--host', '0.0.0.0', '--port', '0']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Refusing to listen on "0.0.0.0"');
    expect(outcome.stderr).toContain('--allow-remote');
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).not.toContain('sks_');
  }, 60_000);

  it('seeds one organization with --people-at-scale, the primary login its admin, and refuses a bad count', async () => {
    const bad = await runCli(['--people-at-scale', 'many', '--port', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--people-at-scale must be a non-negative integer');

    const outcome = await runCli(['--people-at-scale', '2000', '--port', '0'], 'Press Ctrl+C');
    expect(outcome.code).toBe('listening');
    expect(outcome.stdout).toMatch(/^Sandbox workspace admin\s+initrode-worldwide\s+org_admin\s/m);
    expect(outcome.stdout).toMatch(/^orgdesk-admin\s+initrode-worldwide\s+org_admin\s/m);
  }, 60_000);
});
