/**
 * E-mail addresses as accounts keep them: exactly one mailbox, no display name,
 * no list, no comment. The syntax is RFC 5321 §4.1.2's Mailbox with a dot-atom
 * local part (RFC 5322 §3.4.1; UTF-8 letters allowed as RFC 6532 §3.2 does) and
 * a domain of LDH labels after IDNA conversion (RFC 5890, UTS #46 via
 * url.domainToASCII). The mail library must read the text as that one address,
 * so what is stored is what the mail goes to.
 */
import { domainToASCII } from 'node:url';
import addressparser from 'nodemailer/lib/addressparser';

/** RFC 5321 §4.5.3.1.3: a path of at most 256 octets, so an address of at most 254. */
export const MAX_EMAIL_LENGTH = 254;

const ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(\\.${ATOM})*$`, 'u');
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** The address in lower case, or null when it is not exactly one valid mailbox. */
export function normaliseEmail(input: string): string | null {
  const address = input.trim();
  if (address.length === 0 || Buffer.byteLength(address) > MAX_EMAIL_LENGTH) return null;
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return null;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (Buffer.byteLength(local) > 64 || !LOCAL_PART.test(local)) return null;

  const ascii = domainToASCII(domain.toLowerCase());
  const labels = ascii.split('.');
  if (!ascii || ascii.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  if (/^\d+$/.test(labels.at(-1)!)) return null; // a top-level domain is never numeric (RFC 3696 §2)

  const parsed = addressparser(address, { flatten: true });
  if (parsed.length !== 1 || parsed[0]!.name !== '' || parsed[0]!.address !== address) return null;
  return address.toLowerCase();
}
