/**
 * Hosts that name this machine: plain `http://` is allowed only to them, since nothing
 * crosses a network in the clear on the way there.
 */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}
