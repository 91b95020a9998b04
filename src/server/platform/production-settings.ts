/**
 * What production refuses that is safe only on one's own machine (issue #23): a secret key a
 * person chose, plain http, a password over plain SMTP, relying parties over http. Each refusal is
 * one line naming its setting (ConfigError).
 */
import { ConfigError } from './config-error';

/**
 * Whether 32 key bytes look chosen by a person rather than drawn at random: all one byte, few
 * distinct bytes, or nothing but printable ASCII (a passphrase base64-encoded). 32 random bytes
 * hold fewer than 16 distinct values, or only printable ones, with odds below 10^-13.
 */
export function looksWeak(key: Uint8Array): boolean {
  return new Set(key).size < 16 || key.every((byte) => byte >= 0x20 && byte <= 0x7e);
}

/** Production refuses what is safe only on one's own machine; each refusal names its setting. */
export function refuseWeakProduction(
  c: { SIDEKEY_SECRET_KEY?: string; PUBLIC_URL?: string; SMTP_URL?: string },
  casServices: readonly { url: string }[],
) {
  const refuse = (line: string) => {
    throw new ConfigError(`invalid configuration: ${line}`);
  };
  if (c.SIDEKEY_SECRET_KEY && looksWeak(new Uint8Array(Buffer.from(c.SIDEKEY_SECRET_KEY, 'base64'))))
    refuse('SIDEKEY_SECRET_KEY must be 32 random bytes (openssl rand -base64 32), not a repeated byte or text');
  if (c.PUBLIC_URL && new URL(c.PUBLIC_URL).protocol !== 'https:')
    refuse('PUBLIC_URL must be an https:// URL in production mode (sessions and codes cross it)');
  if (c.SMTP_URL?.startsWith('smtp://')) {
    const url = URL.canParse(c.SMTP_URL) ? new URL(c.SMTP_URL) : null;
    if (!url) refuse('SMTP_URL must be a URL such as smtps://user:password@mail.example.eu');
    // A password sent over plain SMTP is readable on the way: TLS from the start, or STARTTLS required.
    if ((url!.username || url!.password) && url!.searchParams.get('requireTLS') !== 'true')
      refuse(
        'SMTP_URL must not send a password over plain smtp:// in production mode: use smtps://, or add ?requireTLS=true',
      );
  }
  if (casServices.some((service) => new URL(service.url).protocol !== 'https:'))
    refuse('CAS_SERVICES must list https:// relying parties only in production mode (tickets travel in their URLs)');
}
