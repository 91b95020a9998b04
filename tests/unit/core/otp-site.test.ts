/** The site an account belongs to, where its code may go, and the host patterns asked for it. */
import { describe, expect, it } from 'vitest';
import { readAccountsText } from '../../../src/core/otp/read-text';
import { pageMayReceive, siteOf, sitePatterns } from '../../../src/core/otp/site';

describe('siteOf', () => {
  it.each([
    ['https://github.com/login', 'github.com'],
    ['https://id.github.com:8443/x?y#z', 'github.com'],
    ['https://a.b.bank.co.uk/', 'bank.co.uk'],
    // Private suffixes of the Public Suffix List: two users' pages are two sites.
    ['https://anna.github.io/', 'anna.github.io'],
    ['https://mallory.github.io/', 'mallory.github.io'],
    ['http://bank.localhost:3000/', 'bank.localhost'],
    ['http://localhost:3000/', 'localhost'],
    ['http://127.0.0.1:8080/', '127.0.0.1'],
    ['https://[::1]/', '[::1]'],
    ['https://münchen.example/', 'xn--mnchen-3ya.example'],
  ])('%s → %s', (url, site) => expect(siteOf(url)).toBe(site));

  it.each([
    'https://co.uk/',
    'https://github.io/',
    'otpauth://totp/x',
    'file:///etc/passwd',
    'about:blank',
    'not a url',
    '',
    'javascript:alert(1)',
    'data:text/html,x',
  ])('has no site for %j', (url) => expect(siteOf(url)).toBe(''));
});

describe('pageMayReceive', () => {
  it('gives a site’s code to its pages and subdomains over https', () => {
    expect(pageMayReceive('https://github.com/sessions/two-factor', 'github.com')).toBe(true);
    expect(pageMayReceive('https://gist.github.com/', 'github.com')).toBe(true);
  });
  it('gives nothing to a look-alike, a parent suffix, or a neighbour on a shared suffix', () => {
    expect(pageMayReceive('https://github.com.evil.example/', 'github.com')).toBe(false);
    expect(pageMayReceive('https://githuh.com/', 'github.com')).toBe(false);
    expect(pageMayReceive('https://mallory.github.io/', 'anna.github.io')).toBe(false);
    expect(pageMayReceive('https://github.io/', 'anna.github.io')).toBe(false);
  });
  it('gives nothing to plain http, where anyone on the path could have written the page — but loopback', () => {
    expect(pageMayReceive('http://github.com/', 'github.com')).toBe(false);
    expect(pageMayReceive('http://bank.localhost:3000/', 'bank.localhost')).toBe(true);
    expect(pageMayReceive('http://127.0.0.1:3000/', '127.0.0.1')).toBe(true);
  });
  it('gives nothing where the account has no site', () => {
    expect(pageMayReceive('https://github.com/', '')).toBe(false);
    expect(pageMayReceive('about:blank', '')).toBe(false);
  });
});

describe('sitePatterns', () => {
  it('asks for the site and its subdomains, https only, but for loopback names and addresses', () => {
    expect(sitePatterns('github.com')).toEqual(['https://*.github.com/*']);
    expect(sitePatterns('bank.localhost')).toEqual(['http://*.bank.localhost/*']);
    expect(sitePatterns('127.0.0.1')).toEqual(['http://127.0.0.1/*']);
    expect(sitePatterns('')).toEqual([]);
  });
});

describe('readAccountsText', () => {
  const uri = (name: string) => `otpauth://totp/${name}?secret=JBSWY3DPEHPK3PXP`;
  it('reads one URI, or a list one a line (blank lines and # comments skipped)', () => {
    expect(readAccountsText(uri('a')).map((a) => a.label)).toEqual(['a']);
    expect(readAccountsText(`# exported\n${uri('a')}\r\n\n  ${uri('b')}  \n`).map((a) => a.label)).toEqual(['a', 'b']);
  });
  it('refuses the whole text for one bad line, and says which', () => {
    expect(() => readAccountsText(`${uri('a')}\notpauth://totp/b?secret=!!!!`)).toThrow(
      expect.objectContaining({ code: 'secretNotBase32', line: 2 }),
    );
  });
  it.each(['', '  \n\n', '# nothing'])('refuses text with no account: %j', (text) => {
    expect(() => readAccountsText(text)).toThrow(expect.objectContaining({ code: 'noAccountInText' }));
  });
  it('refuses other links plainly', () => {
    expect(() => readAccountsText('https://example.com/')).toThrow(
      expect.objectContaining({ code: 'notOtpauth', line: undefined }),
    );
  });
  it('refuses more accounts than a backup may hold', () => {
    expect(() => readAccountsText(Array.from({ length: 2001 }, (_, i) => uri(`a${i}`)).join('\n'))).toThrow(
      expect.objectContaining({ code: 'tooManyInImport' }),
    );
  });
});
