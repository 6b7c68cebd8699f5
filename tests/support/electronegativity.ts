/**
 * Runs electronegativity (Electron security misconfiguration checks) over `src` and the
 * build in `out/`, and compares its findings with the accepted ones in
 * tests/security/electronegativity-accepted.json. Fails on a finding not accepted there, on
 * an accepted entry that no longer occurs (so the file stays honest), and on a file the tool
 * could not parse (a file it skipped is a file nobody checked).
 *
 *   npm run security          builds out/, then runs this
 *   npx tsx tests/support/electronegativity.ts     (out/ must already be built)
 */
import http from 'node:http';
import https from 'node:https';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ACCEPTED_FILE = 'tests/security/electronegativity-accepted.json';
/** Asks GitHub for Electron's release list (network), and judges the Electron version, not our code. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
/** Long enough to tell findings apart, short enough to read in the accepted file. */
const MATCH_LENGTH = 200;

// The tool downloads translations on every run (and retries for 3 s when offline). The check
// must answer the same with no network, so every request from this process fails at once,
// with an error that carries no code: got retries only errors with a network code.
const offline: LookupFunction = (_hostname, _options, callback) => callback(new Error('this check runs offline'), '');
https.globalAgent = new https.Agent({ lookup: offline });
http.globalAgent = new http.Agent({ lookup: offline });
/** What the tool prints when that download fails; expected here, so not shown. */
const TRANSLATIONS_OFFLINE = 'Could not retrieve updated translations for the current locale';

async function withoutOfflineNotice<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (args[0] !== TRANSLATIONS_OFFLINE) log(...args);
  };
  try {
    return await run();
  } finally {
    console.log = log;
  }
}

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity') as (options: object) => Promise<unknown>;
// The tool's own file filter, so the figures count exactly what it scanned (version pinned in package.json).
const { list_files: listFiles } = require('@doyensec/electronegativity/dist/util') as {
  list_files(dir: string): Promise<string[]>;
};
const toolVersion = z
  .object({ version: z.string() })
  .parse(require('@doyensec/electronegativity/package.json')).version;
// Defaults (contextIsolation, sandbox, nodeIntegration...) depend on it; src has no package.json to find it in.
const electronVersion = z.object({ version: z.string() }).parse(require('electron/package.json')).version;

const RunResult = z.object({
  globalChecks: z.number(),
  atomicChecks: z.number(),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      location: z.object({ line: z.number(), column: z.number() }),
      sample: z.string().optional(),
      description: z.string(),
      severity: z.object({ name: z.string() }),
      confidence: z.object({ name: z.string() }),
    }),
  ),
});

const AcceptedFile = z.object({
  about: z.string(),
  accepted: z.array(
    z.object({
      check: z.string().min(1),
      file: z.string().min(1),
      /** The finding's sample (or its source line from the reported column), whitespace collapsed. */
      match: z.string(),
      reason: z.string().min(20),
    }),
  ),
});
type Accepted = z.infer<typeof AcceptedFile>['accepted'][number];

interface Finding {
  readonly check: string;
  readonly file: string;
  readonly match: string;
  readonly where: string;
  readonly description: string;
  readonly severity: string;
}

interface Scan {
  readonly target: string;
  readonly filesScanned: number;
  readonly checks: number;
  readonly findings: readonly Finding[];
  readonly unparsed: readonly string[];
  readonly warnings: readonly string[];
}

function matchKey(sample: string | undefined, text: string | undefined, line: number, column: number): string {
  const source = sample ?? text?.split('\n')[line - 1]?.slice(column) ?? '';
  return source.replace(/\s+/g, ' ').trim().slice(0, MATCH_LENGTH);
}

/**
 * The tool reads `.js` with esprima 4, then babel with its estree plugin, whose nodes for class
 * private fields its scope analysis rejects ("Unknown node type ClassPrivateProperty"), and it
 * does not read `.cjs` (the preload) at all. Its TypeScript path (babel's TS parser) reads the
 * same JavaScript, so the build is scanned as a copy with `.ts` appended to script names.
 */
async function stageBuild(outDir: string, staged: string): Promise<void> {
  for (const entry of await readdir(outDir, { recursive: true })) {
    const from = join(outDir, entry);
    if (!(await stat(from)).isFile()) continue;
    const to = /\.[cm]?js$/.test(entry) ? `${entry}.ts` : /\.html?$/.test(entry) ? entry : undefined;
    if (to === undefined) continue;
    await mkdir(dirname(join(staged, to)), { recursive: true });
    await copyFile(from, join(staged, to));
  }
}

/** A staged copy's name back to the built file's. */
const unstaged = (file: string): string => file.replace(/(\.[cm]?js)\.ts$/, '$1');

/** Vite's content hash changes with every renderer change; the accepted file names the asset without it. */
const stableName = (file: string): string =>
  file.replace(/^(out\/renderer\/assets\/.+)-[\w-]{8}(\.\w+)$/, '$1-[hash]$2');

async function scan(target: 'src' | 'out'): Promise<Scan> {
  const targetDir = join(root, target);
  if (!(await stat(targetDir).catch(() => undefined))?.isDirectory()) {
    throw new Error(`${target}/ does not exist${target === 'out' ? ': run `npx electron-vite build` first' : ''}`);
  }
  const staged = target === 'out' ? await mkdtemp(join(tmpdir(), 'orgdesk-electronegativity-')) : undefined;
  const input = staged ?? targetDir;
  const original = staged === undefined ? (file: string) => file : unstaged;
  try {
    if (staged !== undefined) await stageBuild(targetDir, staged);
    const filesScanned = (await listFiles(input)).length;
    const result = RunResult.parse(
      await withoutOfflineNotice(() =>
        electronegativity({
          input,
          isRelative: true,
          electronVersionOverride: electronVersion,
          excludeFromScan: EXCLUDED_CHECKS,
        }),
      ),
    );
    const findings: Finding[] = [];
    for (const issue of result.issues) {
      const relativeFile = original(issue.file);
      const known = issue.file !== 'N/A';
      const text = known ? await readFile(join(targetDir, relativeFile), 'utf8') : undefined;
      const { line, column } = issue.location;
      findings.push({
        check: issue.id,
        file: known ? stableName(`${target}/${relativeFile}`) : 'N/A',
        match: matchKey(issue.sample, text, line, column),
        where: known ? `${target}/${relativeFile}:${line}:${column + 1}` : 'N/A',
        description: issue.description,
        severity: `${issue.severity.name}/${issue.confidence.name}`,
      });
    }
    const located = (error: { file: string; message: string }): string => {
      return `${target}/${original(relative(input, error.file))}: ${error.message}`;
    };
    return {
      target,
      filesScanned,
      checks: result.atomicChecks + result.globalChecks,
      findings,
      unparsed: result.errors.filter((error) => !error.tolerable).map(located),
      warnings: result.errors.filter((error) => error.tolerable).map(located),
    };
  } finally {
    if (staged !== undefined) await rm(staged, { recursive: true, force: true });
  }
}

const sameEntry = (entry: Accepted, finding: Finding): boolean =>
  entry.check === finding.check && entry.file === finding.file && entry.match === finding.match;

async function main(): Promise<number> {
  const accepted = AcceptedFile.parse(JSON.parse(await readFile(join(root, ACCEPTED_FILE), 'utf8'))).accepted;
  // The tool answers in the locale named by LANG when it has one; the output here stays English.
  process.env['LANG'] = 'en-US';
  const scans = [await scan('src'), await scan('out')];
  const findings = scans.flatMap((s) => s.findings);
  const fresh = findings.filter((finding) => !accepted.some((entry) => sameEntry(entry, finding)));
  const stale = accepted.filter((entry) => !findings.some((finding) => sameEntry(entry, finding)));
  const unparsed = scans.flatMap((s) => s.unparsed);

  const byCheck = new Map<string, number>();
  for (const finding of findings) byCheck.set(finding.check, (byCheck.get(finding.check) ?? 0) + 1);
  console.log(
    `\nelectronegativity ${toolVersion} for Electron ${electronVersion}, ${scans[0]?.checks ?? 0} checks ` +
      `(not ${EXCLUDED_CHECKS.join(', ')}: it needs the network and judges the Electron version, not our code)`,
  );
  for (const s of scans) console.log(`  ${s.target}/: ${s.filesScanned} files scanned, ${s.findings.length} findings`);
  for (const [check, count] of [...byCheck].sort()) console.log(`    ${check}: ${count}`);
  console.log(
    `  accepted: ${findings.length - fresh.length} findings by ${accepted.length - stale.length} entries of ${ACCEPTED_FILE}`,
  );

  for (const warning of scans.flatMap((s) => s.warnings)) console.log(`  parse warning: ${warning}`);
  for (const error of unparsed) console.error(`NOT SCANNED (parse error): ${error}`);
  if (fresh.length > 0) {
    console.error(`\nNEW FINDINGS (${fresh.length}): fix them, or accept each in ${ACCEPTED_FILE} with its reason:`);
    for (const finding of fresh) {
      console.error(`  ${finding.where}  ${finding.check} (${finding.severity}): ${finding.description}`);
      const entry = { check: finding.check, file: finding.file, match: finding.match, reason: '' };
      console.error(`    ${JSON.stringify(entry)}`);
    }
  }
  if (stale.length > 0) {
    console.error(`\nACCEPTED BUT NO LONGER FOUND (${stale.length}): remove them from ${ACCEPTED_FILE}:`);
    for (const entry of stale)
      console.error(`  ${JSON.stringify({ check: entry.check, file: entry.file, match: entry.match })}`);
  }
  const failed = unparsed.length + fresh.length + stale.length > 0;
  // performance.now() counts from process start, so loading the tool is included.
  console.log(`  ${failed ? 'FAILED' : 'passed'} in ${(performance.now() / 1000).toFixed(1)} s\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
