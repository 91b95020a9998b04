/** Which addresses and host names only this machine can reach. */
import { isIP } from 'node:net';

/** 127.0.0.0/8 (RFC 1122 §3.2.1.3), ::1 (RFC 4291 §2.5.3), and 127/8 mapped into IPv6 (RFC 4291 §2.5.5.2). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:/i.test(address) ? address.slice(7) : address;
  if (isIP(mapped) === 4) return mapped.split('.')[0] === '127';
  return isIP(address) === 6 && /^(0{0,4}:){2,7}0{0,3}1$/.test(address.replace(/^::/, '0::'));
}

/** A HOST setting that listens on loopback only: localhost (RFC 6761 §6.3), its subdomains, or a loopback address. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare.endsWith('.localhost') || isLoopbackAddress(bare);
}
