/**
 * Renders build/icon.svg into every icon electron-builder packs (`npm run icons`; commit the result):
 * - build/icons/<n>x<n>.png for Linux (the AppImage and the deb's hicolor theme),
 * - build/icon.icns for macOS and build/icon.ico for Windows (the installer and the .exe),
 * - build/icon.png, the 1024 px master.
 * Each PNG size is rendered from the drawing itself, not scaled down from a larger PNG, so small
 * sizes stay sharp; icns and ico are assembled from the 1024 px render by png2icons.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as png2icons from 'png2icons';

const BUILD_DIR = import.meta.dirname;
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

function render(svg: Buffer, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

const svg = await readFile(join(BUILD_DIR, 'icon.svg'));
await mkdir(join(BUILD_DIR, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) await writeFile(join(BUILD_DIR, 'icons', `${size}x${size}.png`), render(svg, size));
const master = render(svg, 1024);
await writeFile(join(BUILD_DIR, 'icon.png'), master);
const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
// PNG-compressed entries, as Windows Vista and later read them; `true` also keeps the .exe's resource happy.
const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, true, true);
if (!icns || !ico) throw new Error('png2icons could not convert build/icon.png');
await writeFile(join(BUILD_DIR, 'icon.icns'), icns);
await writeFile(join(BUILD_DIR, 'icon.ico'), ico);
console.log(`Rendered ${LINUX_SIZES.length} PNG sizes, icon.icns and icon.ico from build/icon.svg`);
