import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '../../../src/server/platform/email-address';

describe('normaliseEmail', () => {
  it.each([
    ['Anna.Schmidt@Example.EU', 'anna.schmidt@example.eu'],
    ['  ben@example.eu ', 'ben@example.eu'],
    ["o'neil+eu_login@sub.example.co.uk", "o'neil+eu_login@sub.example.co.uk"],
    ['user@münchen.de', 'user@münchen.de'],
    ['jürgen@example.de', 'jürgen@example.de'],
    // One mailbox, one spelling: the IDNA form and the letters are the same domain.
    ['x@xn--mnchen-3ya.de', 'x@münchen.de'],
    // Look-alikes (UAX #15 NFKC): full-width letters and the fullwidth at sign are the plain ones.
    ['u@ｅxample.eu', 'u@example.eu'],
    ['ｕ＠example．eu', 'u@example.eu'],
    ['Ａnna@EXAMPLE.eu', 'anna@example.eu'],
    [`${'a'.repeat(64)}@example.eu`, `${'a'.repeat(64)}@example.eu`],
  ])('accepts %s', (input, stored) => {
    expect(normaliseEmail(input)).toBe(stored);
  });

  it.each([
    // Code points that draw as nothing: a soft hyphen, a zero-width space or joiner, a bidi mark.
    'u@ex\u00adample.eu',
    'u\u200b@example.eu',
    'u@example\u200d.eu',
    '\u200eu@example.eu',
    'alpha,beta@example.eu',
    'alpha@example.eu,beta@example.eu',
    'alpha;beta@example.eu',
    'alpha@example.eu; beta@example.eu',
    'Alpha <alpha@example.eu>',
    '<alpha@example.eu>',
    'alpha@example.eu (comment)',
    '"quoted"@example.eu',
    'group: a@example.eu;',
    'alpha beta@example.eu',
    'alpha@beta@example.eu',
    'alpha@',
    '@example.eu',
    'alpha@localhost',
    'alpha@example',
    'alpha@192.168.0.1',
    'alpha@[192.168.0.1]',
    'alpha@-example.eu',
    'alpha@example-.eu',
    'alpha@exa_mple.eu',
    'alpha@example..eu',
    '.alpha@example.eu',
    'alpha.@example.eu',
    'al..pha@example.eu',
    'alpha\n@example.eu',
    'alpha@example.eu\r\nBcc: victim@example.eu',
    'alpha\u0000@example.eu',
    `${'a'.repeat(65)}@example.eu`,
    `a@${'b'.repeat(64)}.eu`,
    `a@${'b.'.repeat(130)}eu`,
    '',
    '   ',
  ])('refuses %j', (input) => {
    expect(normaliseEmail(input)).toBeNull();
  });
});

describe('the mailer', () => {
  it('sends only to one valid mailbox, as given', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { createMailer } = await import('../../../src/server/platform/mailer');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-mailer-'));
    const mailer = createMailer({ from: 'EU Login <no-reply@localhost>', dataDir });
    try {
      for (const to of ['alpha,beta@example.eu', 'Alpha <beta@example.eu>', 'a@example.eu; b@example.eu']) {
        await expect(mailer.send(to, { subject: 's', text: 't' })).rejects.toThrow('invalid address');
      }
      expect(fs.existsSync(path.join(dataDir, 'outbox'))).toBe(false);
      await mailer.send('alpha@example.eu', { subject: 's', text: 't' });
      const [file] = fs.readdirSync(path.join(dataDir, 'outbox'));
      expect(fs.readFileSync(path.join(dataDir, 'outbox', file!), 'utf8')).toMatch(/^To: alpha@example\.eu$/m);
    } finally {
      mailer.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
