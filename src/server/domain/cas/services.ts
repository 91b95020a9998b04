/**
 * Registered relying parties (CAS Protocol 3.0 §2.1.1: the server must refuse
 * service URLs it does not know). A service URL matches a registration when it
 * has the same origin and its path starts with the registered path.
 */
import type { CasService } from '../../platform/config';

export const MAX_SERVICE_URL = 2048;

export function findService(services: readonly CasService[], serviceUrl: unknown): CasService | undefined {
  if (typeof serviceUrl !== 'string' || serviceUrl.length > MAX_SERVICE_URL) return undefined;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return undefined;
  }
  // No credentials or fragments in a service URL: they have no place in a redirect target.
  if (url.username || url.password || url.hash) return undefined;
  return services.find((service) => {
    const registered = new URL(service.url);
    return url.origin === registered.origin && url.pathname.startsWith(registered.pathname);
  });
}

/** The service URL with the ticket appended (CAS Protocol 3.0 §2.2.4). */
export function withTicket(serviceUrl: string, ticket: string): string {
  const url = new URL(serviceUrl);
  url.searchParams.append('ticket', ticket);
  return url.toString();
}
