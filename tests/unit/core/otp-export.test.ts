/**
 * Moving out: each export read back — the Aegis vault decrypted by Python's `cryptography`
 * following Aegis's docs (tests/fixtures/aegis_decrypt.py, not our code) and by our own reader;
 * the otpauth:// list and Sidekey's backup through the import — every account with the same codes.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findProgram } from '../../../scripts/prerequisites.mjs';
import type { BackupAccount } from '../../../src/core/otp/backup';
import { writeAegisVault } from '../../../src/core/otp/export/aegis-vault';
import { writeExport } from '../../../src/core/otp/export/write-export';
import { readImport } from '../../../src/core/otp/import/read-import';
import { otpCode } from '../../../src/core/otp/otpauth-uri';
import { codeRejected } from '../../fixtures/otp-errors';
import { aegisPlain, base32Bytes, SAMPLE, theirCode } from '../../fixtures/app-exports';

const python = findProgram('python3');
const decryptor = path.join(import.meta.dirname, '../../fixtures/aegis_decrypt.py');
const PASSWORD = 'a long file password';
const AT = 1_765_000_015;

/** The sample accounts as Sidekey holds them (read through the Aegis import). */
async function held(): Promise<BackupAccount[]> {
  const { entries } = await readImport(new TextEncoder().encode(aegisPlain()), null);
  return entries.map((e, i) => {
    if (!e.ok) throw new Error('sample not read');
    return { ...e.account, site: i === 0 ? 'deno.land' : '', addedAt: 1_780_000_000_000 + i };
  });
}

function expectSameCodes(accounts: { kind: string; issuer: string; label: string; secret: Uint8Array }[]) {
  expect(accounts).toHaveLength(SAMPLE.length);
  for (const [i, a] of SAMPLE.entries()) {
    const got = accounts[i]!;
    expect(got).toMatchObject({ kind: a.type, issuer: a.issuer, label: a.name });
    expect(Buffer.from(got.secret)).toEqual(base32Bytes(a.secret));
    const at = 'counter' in a ? { counter: a.counter } : { timestamp: AT * 1000 };
    expect(otpCode(got as never, at)).toBe(theirCode(a, AT));
  }
}

describe('the Aegis vault export', () => {
  it('is opened by an independent decryptor (Python cryptography) at Aegis’s scrypt parameters', async () => {
    const accounts = await held();
    const vault = await writeAegisVault(accounts, PASSWORD);
    const parsed = JSON.parse(vault);
    expect(parsed.header.slots[0]).toMatchObject({ type: 1, n: 32768, r: 8, p: 1 });
    expect(vault).not.toContain(SAMPLE[0].secret);
    const content = JSON.parse(execFileSync(python, [decryptor, PASSWORD], { input: vault, encoding: 'utf8' }));
    expect(content.version).toBe(1);
    expect(
      content.entries.map((e: { type: string; issuer: string; name: string }) => [e.type, e.issuer, e.name]),
    ).toEqual(SAMPLE.map((a) => [a.type, a.issuer, a.name]));
    for (const [i, a] of SAMPLE.entries())
      expect(content.entries[i].info).toEqual({
        secret: a.secret,
        algo: a.algo,
        digits: a.digits,
        ...('counter' in a ? { counter: a.counter } : { period: a.period }),
      });
    expect(content.entries[0]).toMatchObject({ favorite: true, note: 'Sidekey site: deno.land', group: 'Work' });
    expect(() => execFileSync(python, [decryptor, 'wrong'], { input: vault, stdio: 'pipe' })).toThrow();
  }, 30_000);

  it('reads back through the import with the same codes', async () => {
    const vault = await writeAegisVault(await held(), PASSWORD, { n: 1024, r: 8, p: 1 });
    const { app, entries } = await readImport(new TextEncoder().encode(vault), PASSWORD);
    expect(app).toBe('Aegis');
    expect(entries[0]).toMatchObject({ ok: true, account: { group: 'Work', pinned: true } });
    expectSameCodes(entries.map((e) => (e.ok ? e.account : (null as never))));
  });
});

describe('the other exports', () => {
  it('an otpauth:// list every app reads, with Steam as otpauth://steam', async () => {
    const file = await writeExport('otpauth', await held(), '', '2026-12-06');
    expect(file).toMatchObject({ fileName: 'sidekey-otpauth-2026-12-06.txt', type: 'text/plain' });
    expect(file.text.trim().split('\n')).toHaveLength(SAMPLE.length);
    expect(file.text).toContain('otpauth://steam/Steam%3ASophia?');
    const { entries } = await readImport(new TextEncoder().encode(file.text), null);
    expectSameCodes(entries.map((e) => (e.ok ? e.account : (null as never))));
  });

  it('Sidekey’s backup keeps the sites and pins too', async () => {
    const accounts = await held();
    const file = await writeExport('sidekey', accounts, PASSWORD, '2026-12-06');
    expect(file.fileName).toBe('sidekey-codes-2026-12-06.json');
    const { entries } = await readImport(new TextEncoder().encode(file.text), PASSWORD);
    expectSameCodes(entries.map((e) => (e.ok ? e.account : (null as never))));
    expect(entries[0]).toMatchObject({ ok: true, account: { site: 'deno.land', pinned: true, group: 'Work' } });
  });

  it('an encrypted export under a short password is refused before anything is written', async () => {
    for (const format of ['sidekey', 'aegis'] as const)
      expect(await codeRejected(() => writeExport(format, [], 'short', '2026-12-06'))).toBe('passphraseTooShort');
  });
});
