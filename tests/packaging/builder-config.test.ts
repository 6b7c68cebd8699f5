import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, PROJECT_ROOT } from './support/builder-config';

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

/** Each target's name with the architectures it is built for. */
function targets(list: unknown): Record<string, string[]> {
  return Object.fromEntries(
    (list as TargetConfiguration[]).map((t) => [t.target, [...((t.arch as string[] | undefined) ?? [])].sort()]),
  );
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('electron-builder configuration', () => {
  it('names the app and registers no protocol or file type', () => {
    expect(config.appId).toBe('ai.keycard.orgdesk');
    expect(config.productName).toBe('Orgdesk');
    expect(config.protocols).toBeUndefined();
    expect(config.fileAssociations).toBeUndefined();
    expect(config.directories).toEqual({ buildResources: 'build', output: 'dist' });
  });

  it('builds dmg and zip for both Mac architectures, with the hardened runtime and notarization from the environment', async () => {
    expect(targets(config.mac!.target)).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] });
    // `true`, not an options object: credentials come from APPLE_* variables on the release runner, never from this file.
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.mac!.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac!.entitlementsInherit).toBe(config.mac!.entitlements);
    const plist = await readFile(join(PROJECT_ROOT, config.mac!.entitlements!), 'utf8');
    expect([...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1])).toEqual([
      'com.apple.security.cs.allow-jit',
    ]);
  });

  it('builds a per-user NSIS installer that asks for no admin rights, and a portable exe', () => {
    expect(targets(config.win!.target)).toEqual({ nsis: ['x64'], portable: ['x64'] });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false });
  });

  it('builds an AppImage and a deb that depends on libsecret', () => {
    expect(targets(config.linux!.target)).toEqual({ AppImage: ['x64'], deb: ['x64'] });
    const depends = config.deb!.depends!;
    expect(depends).toContain('libsecret-1-0');
    // Setting `depends` replaces electron-builder's list, so Electron's own needs must still be there.
    expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils']));
  });

  it('packs the build output only, without source maps or TypeScript, and keytar unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', '!**/*.map', '!**/*.{ts,mts,cts}']));
    expect(config.asarUnpack).toEqual(['**/node_modules/keytar/build/Release/*.node']);
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });
});

describe('icons', () => {
  const buildDir = join(PROJECT_ROOT, 'build');

  it('has a PNG for each Linux size, named by its size', async () => {
    expect(config.linux!.icon).toBe('build/icons');
    const names = (await readdir(join(PROJECT_ROOT, config.linux!.icon!))).sort((a, b) => parseInt(a) - parseInt(b));
    expect(names).toEqual(['16', '24', '32', '48', '64', '128', '256', '512', '1024'].map((n) => `${n}x${n}.png`));
    for (const name of names) {
      const size = parseInt(name);
      expect(pngSize(await readFile(join(buildDir, 'icons', name)))).toEqual([size, size]);
    }
  });

  it('has an icns for macOS with the 1024 px image and an ico for Windows up to 256 px', async () => {
    const icns = await readFile(join(PROJECT_ROOT, config.mac!.icon!));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
      types.push(icns.subarray(at, at + 4).toString());
    // 128, 256, 512 and 1024 px (the last is 512 at 2x, what Finder shows on a Retina screen).
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));

    const ico = await readFile(join(PROJECT_ROOT, config.win!.icon!));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
  });

  it('are the current rendering of build/icon.svg (npm run icons regenerates them)', async () => {
    const svg = await readFile(join(buildDir, 'icon.svg'));
    for (const size of [16, 256]) {
      const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
      expect(rendered.equals(await readFile(join(buildDir, 'icons', `${size}x${size}.png`)))).toBe(true);
    }
    expect(existsSync(join(buildDir, 'icon.png'))).toBe(true);
  });
});
