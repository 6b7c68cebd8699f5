import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** `[::1]` → `::1`: Host headers and URLs bracket IPv6 literals, bind addresses do not. */
export function bareHostName(name: string): string {
  const lower = name.toLowerCase();
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

/**
 * Names only this machine can reach: `localhost` and loopback IP literals. Other names,
 * however they resolve today, are refused: DNS can point them anywhere tomorrow.
 */
export function isLoopbackHost(name: string): boolean {
  const bare = bareHostName(name);
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** Thrown before anything listens: the sandbox hands its secrets to whoever can reach it. */
export class RemoteHostRefusedError extends Error {
  constructor(host: string) {
    super(
      `Refusing to listen on "${host}": it is not a loopback address, and the sandbox gives its credentials ` +
        'to anyone who can reach it. Use 127.0.0.1, ::1 or localhost, or pass --allow-remote to expose it ' +
        'on the network with freshly generated secrets.',
    );
    this.name = 'RemoteHostRefusedError';
  }
}

export interface Exposure {
  /** Reachable from other machines: secrets are generated at random, not from the fixed seed. */
  readonly remote: boolean;
  /** Host header names answered besides the loopback ones (bare, lower case). */
  readonly extraHostNames: readonly string[];
}

const WILDCARD = new Set(['0.0.0.0', '::']);

/** What listening on `host` exposes; refuses a non-loopback host unless `allowRemote`. */
export function exposureFor(host: string, allowRemote: boolean): Exposure {
  if (isLoopbackHost(host)) return { remote: false, extraHostNames: [] };
  if (!allowRemote) throw new RemoteHostRefusedError(host);
  const bound = bareHostName(host);
  // A wildcard bind is reached by this machine's own addresses, whichever a client types.
  const names = WILDCARD.has(bound)
    ? Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).map((a) => a.address.toLowerCase()))
    : [bound];
  return { remote: true, extraHostNames: [...new Set(names)] };
}
