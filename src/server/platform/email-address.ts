/**
 * E-mail addresses as accounts keep them: exactly one mailbox, no display name,
 * no list, no comment. The syntax is RFC 5321 §4.1.2's Mailbox with a dot-atom
 * local part (RFC 5322 §3.4.1; UTF-8 letters allowed as RFC 6532 §3.2 does) and
 * a domain of LDH labels after IDNA conversion (RFC 5890, UTS #46 via
 * url.domainToASCII). The mail library must read the text as that one address,
 * so what is stored is what the mail goes to.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import addressparser from 'nodemailer/lib/addressparser';

/** RFC 5321 §4.5.3.1.3: a path of at most 256 octets, so an address of at most 254. */
export const MAX_EMAIL_LENGTH = 254;

const ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(\\.${ATOM})*$`, 'u');
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Code points that draw as nothing (Unicode's Default_Ignorable_Code_Point: soft hyphen, zero-width
 * joiners, variation selectors, bidi controls…): an address holding one is refused, since IDNA
 * would silently drop it from the domain and the same mailbox would have two spellings.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const EVERY_INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The one spelling of a mailbox (or null when it is not exactly one valid mailbox): NFKC (a
 * full-width `ｅ` is an `e`, UAX #15), lower case, the domain through its one IDNA form. Every
 * uniqueness check, throttle and quota keys on it, so look-alike spellings of one mailbox are one.
 */
export function normaliseEmail(input: string): string | null {
  if (INVISIBLE.test(input)) return null;
  const address = input.normalize('NFKC').trim();
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
  // The domain as people read it (mail goes out SMTPUTF8, RFC 6531), from its one IDNA form.
  return `${local.toLowerCase()}@${domainToUnicode(ascii)}`;
}

/**
 * What a person typed to name an account (an e-mail address or a unique identifier), in the
 * spelling the store keeps: look-alikes of one address name one account and share its throttles.
 */
export function canonicalIdentifier(typed: string): string {
  const plain = typed.normalize('NFKC').trim().toLowerCase();
  return plain.includes('@') ? (normaliseEmail(plain) ?? plain.replace(EVERY_INVISIBLE, '')) : plain;
}
