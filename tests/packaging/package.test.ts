import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { extractAll, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/builder-config';
import { packDir } from './support/pack';
import { startPackaged } from './support/packaged-app';
import { makeStandInElectron, SHIPPED_FUSES } from './support/stand-in-electron';

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
}
interface PackageJson {
  name: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const project = await readJson<PackageJson>(join(PROJECT_ROOT, 'package.json'));
const lock = await readJson<{ packages: Record<string, LockEntry> }>(join(PROJECT_ROOT, 'package-lock.json'));
const electronVersion = (await readJson<{ version: string }>(join(PROJECT_ROOT, 'node_modules/electron/package.json')))
  .version;

let workDir: string;
let appOutDir: string;
let asarFile: string;
/** Every path in app.asar, without the leading slash. */
let entries: string[];
/** app.asar extracted (its unpacked files included), as the packaged app sees its own folder. */
let appDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'orgdesk-pack-'));
  const electronDist = await makeStandInElectron(join(workDir, 'electron'), electronVersion);
  const started = performance.now();
  appOutDir = await packDir(join(workDir, 'dist'), electronDist);
  console.info(`electron-builder --dir took ${Math.round(performance.now() - started)} ms`);
  asarFile = join(appOutDir, 'resources', 'app.asar');
  entries = listPackage(asarFile, { isPack: false }).map((entry) => entry.slice(1).split(sep).join('/'));
  appDir = join(workDir, 'app');
  extractAll(asarFile, appDir);
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Top-level package names under node_modules in the asar (nested copies are their parents' business). */
function packagedDependencies(): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    const match = /^node_modules\/((?:@[^/]+\/)?[^/@][^/]*)(?:\/|$)/.exec(entry);
    if (match && !match[1]!.startsWith('.')) names.add(match[1]!);
  }
  return names;
}

describe('the package electron-builder makes', () => {
  it('holds package.json, the build output and node_modules, nothing else at its root', async () => {
    expect(entries.filter((entry) => !entry.includes('/')).sort()).toEqual(['node_modules', 'out', 'package.json']);
    const packaged = await readJson<PackageJson>(join(appDir, 'package.json'));
    expect(packaged.main).toBe('out/main/index.js');
    expect(packaged.main).toBe(project.main);
    for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(entries).toContain(file);
    }
    expect(entries.some((entry) => /^out\/renderer\/assets\/index-[\w-]+\.js$/.test(entry))).toBe(true);
  });

  it("holds no sources, tests, source maps, TypeScript, build configuration or packages' docs", () => {
    const unwanted = entries.filter(
      (entry) =>
        /^(src|tests|build|\.github|docs)(\/|$)/.test(entry) ||
        /^node_modules\/(@[^/]+\/)?[^/]+\/docs\//.test(entry) ||
        /\.(map|ts|mts|cts)$/.test(entry) ||
        /^(electron-builder\.yml|electron\.vite\.config\.ts|vitest\.config\.ts|tsconfig[\w.]*\.json)$/.test(entry),
    );
    expect(unwanted).toEqual([]);
  });

  it('holds the production dependencies and nothing that only development needs', () => {
    const packaged = packagedDependencies();
    for (const name of Object.keys(project.dependencies)) expect(packaged).toContain(name);
    for (const name of Object.keys(project.devDependencies)) expect(packaged).not.toContain(name);
    // Every packaged package is one npm installs for production (not marked dev in the lockfile).
    const devOnly = [...packaged].filter((name) => {
      const entry = lock.packages[`node_modules/${name}`];
      return !entry || entry.dev === true || entry.devOptional === true;
    });
    expect(devOnly).toEqual([]);
    // keytar's C++ headers and installer are left out: it is already built.
    expect(packaged).not.toContain('node-addon-api');
    expect(packaged).not.toContain('prebuild-install');
  });

  it("puts keytar's native binary beside the archive, where it can be loaded", async () => {
    const binary = 'node_modules/keytar/build/Release/keytar.node';
    expect(statFile(asarFile, binary, false)).toMatchObject({ unpacked: true });
    const onDisk = await readFile(join(appOutDir, 'resources', 'app.asar.unpacked', binary));
    expect(onDisk.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(entries.filter((entry) => entry.endsWith('.node'))).toEqual([binary]);
  });

  it('flips the fuses on the Electron executable', async () => {
    const wire = await getCurrentFuseWire(join(appOutDir, project.name));
    expect(wire).toMatchObject({
      version: '1',
      [FuseV1Options.RunAsNode]: FuseState.DISABLE,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.DISABLE,
      [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.DISABLE,
      [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.ENABLE,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.ENABLE,
      [FuseV1Options.EnableCookieEncryption]: FuseState.ENABLE,
      // Not configured: as Electron ships them.
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]:
        SHIPPED_FUSES[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot],
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: SHIPPED_FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges],
    });
  });

  it("keeps the sandbox's server and Fastify out of main's start-up imports", async () => {
    const source = await readFile(join(appDir, 'out/main/index.js'), 'utf8');
    const staticImports = (code: string): string[] =>
      [...code.matchAll(/^import\s+(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]!);
    const dynamicImports = [...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
    expect(staticImports(source)).not.toContain('fastify');
    expect(dynamicImports).toHaveLength(1);
    const chunk = dynamicImports[0]!;
    expect(staticImports(source)).not.toContain(chunk);
    const server = await readFile(join(appDir, 'out/main', chunk), 'utf8');
    expect(staticImports(server)).toContain('fastify');
  });
});

describe('the packaged main', () => {
  it('starts from the packaged files: window, page, preload, IPC, keytar, and the sandbox on demand', async () => {
    const start = await startPackaged(appDir, join(workDir, 'user-data'));
    expect(start.main).toBe('out/main/index.js');
    expect(start.preload).toEqual({ path: join(appDir, 'out/preload/index.cjs'), exists: true });
    expect(start.page.status).toBe(200);
    expect(start.page.csp).toContain("default-src 'none'");
    expect(start.page.assets.length).toBeGreaterThanOrEqual(2);
    expect(start.page.assets.every((asset) => asset.status === 200)).toBe(true);
    expect(start.appInfo).toMatchObject({ ok: true, value: { userDataDir: join(workDir, 'user-data') } });
    expect(start.keytarLoadedFrom).toBe(join(appDir, 'node_modules/keytar/lib/keytar.js'));

    // Every CommonJS file came from the package, but for the harness's TypeScript loader.
    const harness = ['tsx', 'esbuild'].map((name) => join(PROJECT_ROOT, 'node_modules', name) + sep);
    const elsewhere = start.loadedAfterSandbox.filter(
      (file) => !file.startsWith(appDir + sep) && !harness.some((dir) => file.startsWith(dir)),
    );
    expect(elsewhere).toEqual([]);
    // Fastify only once the sandbox was asked for.
    const fastify = (files: string[]): string[] =>
      files.filter((file) => file.includes(`${sep}node_modules${sep}fastify${sep}`));
    expect(fastify(start.loadedAtStart)).toEqual([]);
    expect(fastify(start.loadedAfterSandbox)).not.toEqual([]);
    expect(start.sandboxProfile).toMatchObject({ ok: true, value: { name: 'Sandbox' } });
    expect(start.orgs).toMatchObject({ ok: true, value: { items: expect.arrayContaining([expect.anything()]) } });
    expect(start.quit).toBe(true);
  });

  it('fails to start when a file it needs is missing from the package', async () => {
    const broken = join(workDir, 'app-without-undici');
    await cp(appDir, broken, { recursive: true });
    await rm(join(broken, 'node_modules', 'undici'), { recursive: true });
    await expect(startPackaged(broken, join(workDir, 'user-data-broken'))).rejects.toThrow(/undici/);
  });
});
