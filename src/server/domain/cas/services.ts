/**
 * Registered relying parties (CAS Protocol 3.0 §2.1.1: the server must refuse service URLs it does
 * not know). A service URL is first normalised (WHATWG URL: the host's IDNA form, so full-width
 * dots are dots; percent-encoding of what a header may not carry) and refused when it holds what
 * no service URL should — control characters, line or paragraph separators, spaces, credentials, a
 * fragment, percent-encoded dots, slashes or backslashes (a relying party decoding
 * `/portal/..%2fadmin/` would serve `/admin/`). It then matches a registration when it has the same
 * origin and its path is the registered path or below it, on a path-segment boundary
 * (`/app` does not admit `/app-admin` or `/app.evil`).
 */
import type { CasService } from '../../platform/config';

export const MAX_SERVICE_URL = 2048;

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const NEVER_IN_A_SERVICE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;
const ENCODED_PATH_TRICK = /%(2e|2f|5c)/i;

/** The service URL as Sidekey will redirect to it, or null where it is not one it would ever follow. */
export function normaliseServiceUrl(serviceUrl: unknown): string | null {
  if (typeof serviceUrl !== 'string' || serviceUrl.length > MAX_SERVICE_URL) return null;
  if (NEVER_IN_A_SERVICE.test(serviceUrl) || !URL.canParse(serviceUrl)) return null;
  const url = new URL(serviceUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // No credentials or fragments in a service URL: they have no place in a redirect target.
  if (url.username || url.password || url.hash || ENCODED_PATH_TRICK.test(url.pathname)) return null;
  return url.href;
}

/** Whether `path` is `registered` or below it, on a path-segment boundary. */
function under(path: string, registered: string): boolean {
  if (registered.endsWith('/')) return path.startsWith(registered);
  return path === registered || path.startsWith(`${registered}/`);
}

export function findService(services: readonly CasService[], serviceUrl: unknown): CasService | undefined {
  const normal = normaliseServiceUrl(serviceUrl);
  if (!normal) return undefined;
  const url = new URL(normal);
  return services.find((service) => {
    const registered = new URL(service.url);
    return url.origin === registered.origin && under(url.pathname, registered.pathname);
  });
}

/** The service URL with the ticket appended (CAS Protocol 3.0 §2.2.4). */
export function withTicket(serviceUrl: string, ticket: string): string {
  const url = new URL(serviceUrl);
  url.searchParams.append('ticket', ticket);
  return url.toString();
}
