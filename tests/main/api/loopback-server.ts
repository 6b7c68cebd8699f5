import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request; `n` counts the requests seen so far, this one included. */
export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/**
 * One scripted HTTP server on loopback per test, for what a client does over real sockets:
 * `seen` lists every request as `METHOD /path?query`, in arrival order.
 */
export class LoopbackServer {
  readonly seen: string[] = [];
  server: Server | undefined;

  async serve(handler: Handler): Promise<string> {
    this.seen.length = 0;
    const server = createServer((req, res) => {
      this.seen.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => handler(req, res, this.seen.length));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
