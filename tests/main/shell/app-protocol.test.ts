import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, serveRenderer } from '../../../src/main/shell/app-protocol';

const INDEX = '<!doctype html><title>Orgdesk</title><script type="module" src="./assets/app.js"></script>';
const SECRET = 'outside-the-renderer-6f1c';

/**
 * A built renderer directory on disk with neighbours it must never serve: a file and a
 * folder beside it, a sibling folder whose name starts with the same letters, and symlinks
 * from inside pointing out.
 */
let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'orgdesk-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(root, 'empty-dir'));
  await mkdir(join(base, 'outside-dir'));
  await mkdir(join(base, 'renderer-evil'));
  await writeFile(join(root, 'index.html'), INDEX);
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'assets', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(root, 'assets', 'blob.xyz'), 'bytes');
  await writeFile(join(base, 'outside.txt'), SECRET);
  await writeFile(join(base, 'outside-dir', 'secret.js'), SECRET);
  await writeFile(join(base, 'renderer-evil', 'x.js'), SECRET);
  await symlink(join(base, 'outside.txt'), join(root, 'link-out.txt'));
  await symlink(join(base, 'outside-dir'), join(root, 'dir-out'));
  await symlink(join(root, 'assets', 'app.js'), join(root, 'link-in.js'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function get(url: string, init?: RequestInit): Promise<Response> {
  return serveRenderer(new Request(url, init), root);
}

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
}

describe('app scheme privileges', () => {
  it('are standard and secure, and nothing that would widen the page', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: { standard: true, secure: true } });
  });
});

describe('serveRenderer', () => {
  it('serves index.html with its type, nosniff and the policy as a header', async () => {
    const response = await get('app://orgdesk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.text()).toBe(INDEX);
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/icon.svg', 'image/svg+xml'],
    ['/assets/blob.xyz', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const response = await get(`app://orgdesk${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expectSecurityHeaders(response);
  });

  it('ignores the query', async () => {
    expect((await get('app://orgdesk/index.html?v=2')).status).toBe(200);
  });

  it('follows a symlink that stays inside the renderer', async () => {
    const response = await get('app://orgdesk/link-in.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("app");');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('app://orgdesk/index.html', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX)));
    expectSecurityHeaders(response);
    expect(response.body).toBeNull();
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405', async (method) => {
    const response = await get('app://orgdesk/index.html', { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expectSecurityHeaders(response);
  });

  it.each([
    ['a missing file', 'app://orgdesk/missing.js'],
    ['the root (no directory index)', 'app://orgdesk/'],
    ['a directory', 'app://orgdesk/empty-dir'],
    ['a directory with a slash', 'app://orgdesk/empty-dir/'],
    ['another host', 'app://evil/index.html'],
    ['a port', 'app://orgdesk:8080/index.html'],
    ['another scheme', 'https://orgdesk/index.html'],
  ])('answers 404 for %s', async (_label, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  // Each of these names a file outside the renderer directory if joined naively.
  it.each([
    ['..', 'app://orgdesk/../outside.txt'],
    ['%2e%2e', 'app://orgdesk/%2e%2e/outside.txt'],
    ['.. with an encoded slash', 'app://orgdesk/..%2foutside.txt'],
    ['a deeper encoded climb', 'app://orgdesk/assets/..%2f..%2foutside.txt'],
    ['an encoded backslash', 'app://orgdesk/..%5coutside.txt'],
    ['a raw backslash', 'app://orgdesk/..\\outside.txt'],
    ['an encoded absolute path', 'app://orgdesk/%2F<base>%2Foutside.txt'],
    ['an absolute path after a double slash', 'app://orgdesk//<base>/outside.txt'],
    ['a drive letter', 'app://orgdesk/C:%5coutside.txt'],
    ['a NUL byte', 'app://orgdesk/index.html%00.txt'],
    ['a control character', 'app://orgdesk/index.html%0a'],
    ['bad percent-encoding', 'app://orgdesk/%E0%A4%A'],
    ['a sibling folder sharing a prefix', 'app://orgdesk/..%2frenderer-evil%2fx.js'],
    ['a symlink to a file outside', 'app://orgdesk/link-out.txt'],
    ['a symlink to a folder outside', 'app://orgdesk/dir-out/secret.js'],
  ])('does not escape the renderer through %s', async (_label, url) => {
    // The temp folder is only known once created; `<base>` stands for it without its leading slash.
    const response = await get(url.replace('<base>', base.slice(1)));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('answers 404 when the renderer directory is missing', async () => {
    const response = await serveRenderer(new Request('app://orgdesk/index.html'), join(base, 'no-such-dir'));
    expect(response.status).toBe(404);
  });
});
