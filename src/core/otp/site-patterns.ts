/**
 * A site's host-permission patterns, apart from site.ts so the popup can ask for them without
 * the Public Suffix List.
 */

/** Host names RFC 6761 §6.3 reserves for the machine itself, where development pages live. */
export const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** An IPv4 address or a bracketed IPv6 one (a site that is an address is its own host). */
const isAddress = (host: string) => /^[0-9.]+$/.test(host) || host.startsWith('[');

/**
 * The host-permission patterns that let the fill script run on a site and its subdomains
 * (WebExtension match patterns: `*.` also matches the host itself). Https only, but for loopback
 * names and addresses, where development servers speak http.
 */
export function sitePatterns(site: string): string[] {
  if (!site) return [];
  const scheme = isLoopbackName(site) || isAddress(site) ? 'http' : 'https';
  const host = isAddress(site) ? site : `*.${site}`;
  return [`${scheme}://${host}/*`];
}
