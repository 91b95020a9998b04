import { describe, expect, it } from 'vitest';
import { checkPassword, GROUPS, samplePassword } from '../../../src/server/domain/password-policy';

const NAMES = ['n00abc12', 'anna.schmidt'];

describe('password policy (EU Login user guide)', () => {
  it.each([
    ['SEN5RbaW'], // the guide's own examples
    ['GwOzMg9m'],
    ['U(nuCuwh'],
    ['abcdefg1!'], // lower + digit + special
    ['ABCDEFG1!'], // upper + digit + special
    ['Correct horse 42'], // white space permitted
    ['aB3' + GROUPS.special], // every listed special character is allowed
  ])('accepts %s', (password) => {
    expect(checkPassword(password, NAMES)).toEqual([]);
  });

  it.each([
    ['Ab1!xyz', ['too-short']],
    ['abcdefgh', ['too-few-groups']],
    ['abcdefg1', ['too-few-groups']], // two groups only
    ['ABCD efgh', ['too-few-groups']], // space is not a group
    ['Abcdefg1$', ['invalid-character']], // $ is not in the guide's list
    ['Pässwort12', ['invalid-character']],
    ['Tab\there12', ['invalid-character']], // only the space counts as white space
    ['xxN00ABC12yy!', ['contains-username']], // the unique identifier, any case
    ['My anna.Schmidt 1', ['contains-username']], // the e-mail's local part
    ['a'.repeat(129), ['too-long', 'too-few-groups']],
  ])('refuses %s: %o', (password, failures) => {
    expect(checkPassword(password, NAMES)).toEqual(failures);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('Ab1😀😀😀😀😀', [])).toContain('invalid-character');
    expect(checkPassword('Ab1😀😀😀😀😀', [])).not.toContain('too-short');
  });

  it('ignores usernames shorter than 3 characters', () => {
    expect(checkPassword('Ab1defgh', ['ab'])).toEqual([]);
  });

  it('generates samples that pass, and different ones each time', () => {
    const samples = Array.from({ length: 200 }, () => samplePassword(NAMES));
    for (const sample of samples) expect(checkPassword(sample, NAMES)).toEqual([]);
    expect(new Set(samples).size).toBeGreaterThan(195);
  });
});
