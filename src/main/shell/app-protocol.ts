import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-url';
import { contentSecurityPolicy } from './csp';

/**
 * Registered before `ready`. `standard` gives the page a real origin (`app://orgdesk`),
 * relative URLs and storage; `secure` makes it a secure context, which the clipboard API
 * needs. Nothing more: the page fetches nothing (`supportFetchAPI`), other origins must not
 * read these files (`corsEnabled`), and the policy must apply (`bypassCSP`).
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true },
};

/** What the build emits; anything else is served as bytes the page cannot run (see nosniff). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** On every answer: a 404 or a stray file is covered as much as the page. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Answers one request of the app scheme from the built renderer directory `root`: GET and
 * HEAD of a regular file inside it, with its type, `nosniff` and the page's policy as
 * headers. Everything else is a 404 (or 405 for other methods); it never throws, so a bad
 * URL cannot turn into an error page Electron renders. Transport-free, so the same function
 * backs `protocol.handle` in the app and the HTTP server of the end-to-end tests.
 */
export async function serveRenderer(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return answer(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  }
  const url = URL.canParse(request.url) ? new URL(request.url) : undefined;
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return notFound();
  }
  try {
    const file = await resolveInside(root, url.pathname);
    if (!file || !(await stat(file)).isFile()) return notFound();
    const body = await readFile(file);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(body.byteLength) },
    });
  } catch {
    // Missing, unreadable, or a dangling link: all the same to the page.
    return notFound();
  }
}

/**
 * The file a URL path names inside `root`, or undefined if it names anything else. URL
 * parsing already folded `..` and `%2e%2e`, but `%2f`, `%5c` and `%00` survive it, so the
 * checks run on the decoded path; symlinks are followed and must still land inside.
 */
async function resolveInside(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/')) return undefined;
  const segments = decoded.slice(1).split('/');
  if (!segments.every(isPlainSegment)) return undefined;
  const candidate = join(root, ...segments);
  if (!isInside(root, candidate)) return undefined;
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
  return isInside(realRoot, realFile) ? realFile : undefined;
}

/** A name, not a step: no `.`/`..`, no empty segment, no separator, drive colon or control character. */
function isPlainSegment(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !/[\\/:]|\p{Cc}/u.test(segment);
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function notFound(): Response {
  return answer(404, 'Not found');
}

function answer(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  });
}
