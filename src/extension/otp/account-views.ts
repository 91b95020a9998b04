/**
 * Accounts as the popup and pages see them (docs/otp-accounts.md): the list's order, an account's
 * view (never its secret) with its codes, and making a code (an HOTP code moves its counter).
 */
import type { OtpAccountView } from '../../core/messages';
import { isTimeBased } from '../../core/otp/kinds';
import { otpCode, type OtpParameters } from '../../core/otp/otpauth-uri';
import type { CodeAccounts, OtpAccount } from './code-accounts';

/**
 * One collator for every comparison: `localeCompare` with options builds one per call, which made
 * sorting 1,000 accounts cost ~25 ms against ~1 ms (ECMA-402 §19.1.1 lets it; V8 does).
 */
let collator: Intl.Collator | undefined;

/** The list's order: the tab's site first, then pinned, then by issuer and name. */
export function listOrder(site: string) {
  const { compare } = (collator ??= new Intl.Collator(undefined, { sensitivity: 'base' }));
  const rank = (a: Pick<OtpAccount, 'site' | 'pinned'>) => (site && a.site === site ? 0 : 2) + (a.pinned ? 0 : 1);
  return (a: OtpAccount, b: OtpAccount) =>
    rank(a) - rank(b) || compare(a.issuer, b.issuer) || compare(a.label, b.label);
}

type Codes = Pick<OtpAccountView, 'code' | 'next'>;

/** A TOTP or Steam account's code at `at` and the next one (so the popup turns over on time); none for HOTP. */
function codesAt(account: OtpAccount, at: number): Codes {
  if (!isTimeBased(account.kind)) return { code: null, next: null };
  return {
    code: otpCode(account, { timestamp: at }),
    next: otpCode(account, { timestamp: at + account.period * 1000 }),
  };
}

export function accountView(account: OtpAccount, at: number, codes: Codes = codesAt(account, at)): OtpAccountView {
  const { id, kind, issuer, label, site, pinned, digits, period } = account;
  return { id, kind, issuer, label, site, pinned, group: account.group ?? '', digits, period, ...codes };
}

/**
 * Accounts as the popup sees them, their TOTP codes kept for the period they are valid in: a popup
 * opened again within it is answered without 400 HMACs (an account's secret never changes under
 * its id). Kept in this background's memory only, like the unlocked key; forgotten on lock.
 */
export function codeViews() {
  let cache = new Map<string, Codes>();
  return {
    view(account: OtpAccount, at: number): OtpAccountView {
      if (!isTimeBased(account.kind)) return accountView(account, at);
      const key = `${account.id} ${account.period} ${Math.floor(at / 1000 / account.period)}`;
      let codes = cache.get(key);
      if (!codes) {
        // Whatever the cache held is of past periods, or of this one under the same key.
        if (cache.size > 4000) cache = new Map();
        codes = codesAt(account, at);
        cache.set(key, codes);
      }
      return accountView(account, at, codes);
    },
    forget() {
      cache = new Map();
    },
  };
}

/** An account a reading found, as the user is shown it. */
export const found = (a: OtpParameters & { site?: string }, duplicate: boolean) => ({
  issuer: a.issuer,
  label: a.label,
  site: a.site ?? '',
  duplicate,
});

/** The next code of an account: TOTP and Steam now; HOTP moves its counter first (RFC 4226 §7.2: a code shown is used up). */
export async function nextCode(otp: CodeAccounts, account: OtpAccount, now: number): Promise<string> {
  if (isTimeBased(account.kind)) return otpCode(account, { timestamp: now });
  // The counter as stored at this moment, not as `account` was read: another request may have moved it.
  const taken = await otp.takeCounter(account.id);
  return otpCode(taken, { counter: taken.counter });
}

/** The popup's answer to an addition, after the fill scripts follow the new sites. */
export async function answerAdded(
  result: { added: OtpAccount[]; duplicates: (OtpParameters & { site?: string })[] },
  at: number,
  afterChange: () => Promise<unknown>,
) {
  if (result.added.length) await afterChange();
  return {
    added: result.added.map((a) => accountView(a, at)),
    duplicates: result.duplicates.map((d) => found(d, true)),
  };
}
