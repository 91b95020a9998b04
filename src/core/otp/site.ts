/**
 * The site an account belongs to: the registrable domain of the page it was added on
 * ("eTLD+1" per the Public Suffix List, private suffixes included, so `anna.github.io` and
 * `mallory.github.io` are two sites), as tldts computes it. Codes are offered on that site
 * only (docs/otp-accounts.md §4): a look-alike origin is another site and gets nothing.
 */
import { getDomain, parse } from 'tldts';
import { isLoopbackName } from './site-patterns';

export { sitePatterns } from './site-patterns';

/**
 * The site of a page's URL, or '' where there is none to name (not http(s), or no host). IP
 * addresses and single-label names are their own site; a public suffix is no one's.
 */
export function siteOf(url: string): string {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return '';
    host = parsed.hostname;
  } catch {
    return '';
  }
  if (!host) return '';
  if (parse(host).isIp) return host;
  // No registrable domain: a single-label name (localhost, an intranet host) is its own site; a
  // public suffix itself (co.uk, github.io) is nobody's.
  return getDomain(host, { allowPrivateDomains: true }) ?? (host.includes('.') ? '' : host);
}

/**
 * Whether `site` is a site an account may be bound to, as the user would type it: '' (none), or a
 * registrable domain exactly as siteOf gives it (no scheme, path, space, subdomain or public suffix).
 */
export function isSiteName(site: string): boolean {
  return site === '' || siteOf(`https://${site}/`) === site;
}

/**
 * Whether a page at `url` may be offered the codes of `site`: the same site, in a secure context
 * (https, or http on a loopback name — W3C Secure Contexts §3.1, "potentially trustworthy"), so a
 * code never goes into a page an on-path attacker could have written.
 */
export function pageMayReceive(url: string, site: string): boolean {
  if (!site || siteOf(url) !== site) return false;
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || isLoopbackName(hostname) || hostname === '127.0.0.1' || hostname === '[::1]';
}
