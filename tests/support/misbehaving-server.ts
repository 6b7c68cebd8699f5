import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with an API request; the token endpoint always answers. */
export type Misbehaviour = (req: IncomingMessage, res: ServerResponse) => void;

export interface MisbehavingServer {
  readonly url: string;
  /** Every request, token endpoint included, as `METHOD /path`. */
  readonly seen: string[];
  behave(misbehaviour: Misbehaviour): void;
  close(): Promise<void>;
}

/**
 * A loopback server for what the sandbox cannot do: answer never, drip bytes, stream without
 * end, or redirect elsewhere. It issues tokens like Keycard so the client logs in normally.
 */
export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const seen: string[] = [];
  let misbehaviour: Misbehaviour = (_req, res) => res.writeHead(404).end();
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url?.split('?')[0]}`);
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/service-account-token')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'misbehaving-token', token_type: 'Bearer', expires_in: 3600 }));
        return;
      }
      misbehaviour(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    behave(next) {
      misbehaviour = next;
      seen.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Holds the request open and never answers. */
export const neverAnswer: Misbehaviour = () => undefined;

/** Sends a 200 and then a byte every 50 ms, forever: no gap timer ever fires. */
export const dripForever: Misbehaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const timer = setInterval(() => res.write(' '), 50);
  res.on('close', () => clearInterval(timer));
};

/** A chunked 200 that never ends, as fast as the socket takes it. */
export const streamForever: Misbehaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
};

/** Declares a 600 MB body and starts sending it. */
export const declareHuge: Misbehaviour = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(600 * 1024 * 1024) });
  res.write('{"items":[');
};

export function redirectTo(location: string): Misbehaviour {
  return (_req, res) => res.writeHead(302, { location }).end();
}
