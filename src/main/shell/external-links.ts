/**
 * Sites a link in the app may open in the OS browser: Keycard's own, over https. Electron
 * tells main neither whether a navigation or `window.open` came from a user gesture nor who
 * wrote the link, so the destination is what main can hold to.
 */
const EXTERNAL_DOMAINS: readonly string[] = ['keycard.ai'];

/**
 * The normalised URL to hand to the OS browser, or undefined when `url` is not an https link
 * to an allowed domain (or one of its subdomains). Credentials and explicit ports are
 * refused: the app has no reason to send either, and both disguise where a link goes.
 */
export function externalLinkTarget(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return undefined;
  const host = parsed.hostname;
  const allowed = EXTERNAL_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
  return allowed ? parsed.href : undefined;
}
