/**
 * The one-time-code vault's passphrase key (docs/otp-accounts.md §3): what an
 * unlock costs the user, and so what each guess costs someone with a copy of
 * the profile, on one core — summed over every 4-digit PIN and every
 * 10-character passphrase. Measured on the derivation the extension runs
 * (hash-wasm's Argon2id, the same WebAssembly in V8), first call (compiling
 * the module) apart.
 */
import { argon2idBytes, newKdfParams } from '../src/core/otp/passphrase-key';
import { sample, summarise, type Summary } from './stats';

export interface KdfFigures {
  first: number;
  unlock: Summary;
  /** Seconds on one core to try every candidate, at the median derivation time. */
  everyPin: number;
  everyLowercase10: number;
  everyAscii10: number;
}

export async function benchOtpKdf(runs = 10): Promise<KdfFigures> {
  const start = performance.now();
  await argon2idBytes('first call', newKdfParams());
  const first = performance.now() - start;
  const unlock = summarise(await sample(runs, () => argon2idBytes('a long walk by the sea', newKdfParams())));
  const perGuess = unlock.p50 / 1000;
  return {
    first,
    unlock,
    everyPin: 10 ** 4 * perGuess,
    everyLowercase10: 26 ** 10 * perGuess,
    everyAscii10: 95 ** 10 * perGuess,
  };
}

const YEAR = 365.25 * 24 * 3600;
/** Seconds as people read them. */
export function duration(seconds: number): string {
  if (seconds < 2 * 3600) return `${(seconds / 60).toFixed(0)} minutes`;
  if (seconds < 2 * 86400) return `${(seconds / 3600).toFixed(1)} hours`;
  if (seconds < YEAR) return `${(seconds / 86400).toFixed(1)} days`;
  return `${(seconds / YEAR).toExponential(1)} years`;
}
