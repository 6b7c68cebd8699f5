import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DISCOVERY_PATH } from '../../src/main/sso/discovery';

/**
 * Issuers the fake provider serves, one per path prefix: `${url}/${variant}` is the issuer to
 * type, and its discovery document answers as the variant says.
 */
export type ProviderVariant =
  | 'good'
  | 'trailing-slash'
  | 'issuer-mismatch'
  | 'not-json'
  | 'slow'
  | 'huge'
  | 'huge-undeclared'
  | 'redirect-away'
  | 'redirect-within'
  | 'redirect-loop'
  | 'http-endpoint'
  | 'bad-scopes'
  | 'jwks-gone'
  | 'jwks-empty'
  | 'missing';

export interface FakeIdentityProvider {
  /** `http://127.0.0.1:<port>`, loopback so plain http is allowed. */
  readonly url: string;
  issuer(variant: ProviderVariant): string;
  /** The document `good` serves, for comparing with what discovery read. */
  document(issuer: string): Record<string, unknown>;
  /** Paths requested, in order. */
  readonly seen: string[];
  close(): Promise<void>;
}

/** Bigger than any limit discovery uses (512 KB). */
const HUGE_BYTES = 2 * 1024 * 1024;

export async function startFakeIdentityProvider(): Promise<FakeIdentityProvider> {
  const seen: string[] = [];
  let url = '';
  // The same server under another origin: `localhost` instead of `127.0.0.1`.
  let elsewhere = '';

  const document = (issuer: string): Record<string, unknown> => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    registration_endpoint: `${issuer}/register`,
    userinfo_endpoint: `${issuer}/userinfo`,
    scopes_supported: ['openid', 'email', 'profile'],
    code_challenge_methods_supported: ['S256', 'plain'],
    response_types_supported: ['code'],
  });

  const json = (res: ServerResponse, body: unknown): void => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const serve = (variant: string, req: IncomingMessage, res: ServerResponse): void => {
    const issuer = `${url}/${variant}`;
    if (req.url?.endsWith('/jwks')) {
      if (variant === 'jwks-gone') res.writeHead(404).end();
      else if (variant === 'jwks-empty') json(res, { keys: [] });
      else
        json(res, {
          keys: [{ kty: 'OKP', crv: 'Ed25519', kid: 'k1', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }],
        });
      return;
    }
    switch (variant as ProviderVariant) {
      case 'good':
      case 'jwks-gone':
      case 'jwks-empty':
        return json(res, document(issuer));
      case 'trailing-slash':
        return json(res, document(`${issuer}/`));
      case 'issuer-mismatch':
        return json(res, document(`${url}/someone-else`));
      case 'not-json':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
        return;
      case 'slow':
        // Holds the request until the client gives up (or the server closes).
        return;
      case 'huge': {
        const body = JSON.stringify({ ...document(issuer), padding: 'x'.repeat(HUGE_BYTES) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      case 'huge-undeclared': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(`${JSON.stringify(document(issuer)).slice(0, -1)},"padding":"`);
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const pump = (): void => {
          while (!res.destroyed && sent < HUGE_BYTES) {
            sent += chunk.length;
            if (!res.write(chunk)) return;
          }
          if (!res.destroyed) res.end('"}');
        };
        res.on('drain', pump);
        pump();
        return;
      }
      case 'redirect-away':
        res.writeHead(302, { location: `${elsewhere}/good${DISCOVERY_PATH}` }).end();
        return;
      case 'redirect-within':
        if (req.url?.endsWith('/moved')) return json(res, document(issuer));
        res.writeHead(301, { location: `/${variant}/moved` }).end();
        return;
      case 'redirect-loop':
        res.writeHead(307, { location: req.url ?? '/' }).end();
        return;
      case 'http-endpoint':
        return json(res, { ...document(issuer), token_endpoint: 'http://idp.example.com/token' });
      case 'bad-scopes':
        return json(res, { ...document(issuer), scopes_supported: ['openid', 'two words'] });
      case 'missing':
      default:
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
    }
  };

  const server: Server = createServer((req, res) => {
    const path = req.url?.split('?')[0] ?? '/';
    seen.push(path);
    const variant = path.split('/')[1] ?? '';
    serve(variant, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  elsewhere = `http://localhost:${port}`;
  return {
    url,
    issuer: (variant) => `${url}/${variant}`,
    document,
    seen,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
