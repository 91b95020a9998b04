/** Which TOTP code the list shows at a moment, from the two the background sent. */
import type { OtpAccountView } from '../../../core/messages';

const windowOf = (ms: number, period: number) => Math.floor(ms / 1000 / period);

/** The code to show at `now`: this period's, the next one's, or none (the list is being asked again). */
export function shownCode(a: OtpAccountView, at: number, now: number): string | null {
  const step = windowOf(now, a.period) - windowOf(at, a.period);
  return step === 0 ? a.code : step === 1 ? a.next : null;
}
