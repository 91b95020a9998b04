/**
 * The codes: the tab's site first, then pinned ones; each with the time left as a ring, copied on
 * click; search; pin, rename, delete (confirmed). TOTP codes come with the next one, so the list
 * turns over on time without waiting for the background; HOTP codes are made only on request
 * (each one moves the counter, RFC 4226 §7.2).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { OtpAccountView } from '../../../core/messages';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { OtpItem } from './code-item';
import { TextField } from './text-field';
import { messageOf } from '../../ui/message-of';
import type { OtpView, Report } from './report';

const windowOf = (ms: number, period: number) => Math.floor(ms / 1000 / period);

/** The code to show at `now`: this period's, the next one's, or none (the list is being asked again). */
export function shownCode(a: OtpAccountView, at: number, now: number): string | null {
  const step = windowOf(now, a.period) - windowOf(at, a.period);
  return step === 0 ? a.code : step === 1 ? a.next : null;
}

export function OtpList({ view: list, report }: { view: OtpView; report: Report }) {
  const [now, setNow] = useState(Date.now());
  const [query, setQuery] = useState('');
  const [hotp, setHotp] = useState<Record<string, string>>({});

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // A code past its next one: ask again (a period of a few seconds, or the popup left open long).
  const stale = list.accounts.some((a) => a.kind === 'totp' && shownCode(a, list.at, now) === null);
  useEffect(() => {
    if (stale) report.changed();
  }, [stale]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = list.accounts;
    return q ? all.filter((a) => `${a.issuer} ${a.label} ${a.site}`.toLowerCase().includes(q)) : all;
  }, [list, query]);

  if (list.accounts.length === 0) return <p data-testid="otp-none">{t('otpNone')}</p>;

  const act = (run: () => Promise<unknown>, done?: string) =>
    run().then(
      () => {
        if (done) report.notice(done);
        report.changed();
      },
      (e: unknown) => report.error(messageOf(e)),
    );
  const copy = (code: string, name: string) =>
    navigator.clipboard.writeText(code).then(
      () => report.notice(t('otpCopied', { name })),
      () => report.error(t('otpCopyFailed')),
    );

  return (
    <>
      <TextField id="otp-search" label={t('otpSearch')} type="search" hiddenLabel value={query} onInput={setQuery} />
      <ul class="otp-list" aria-label={t('otpHeading')}>
        {shown.map((a) => (
          <OtpItem
            key={a.id}
            account={a}
            here={!!list.site && a.site === list.site}
            code={a.kind === 'totp' ? shownCode(a, list.at, now) : (hotp[a.id] ?? null)}
            left={a.period - (Math.floor(now / 1000) % a.period)}
            act={act}
            onCopy={copy}
            onHotp={() =>
              void sendMessage('otpHotpCode', { id: a.id }).then(
                ({ code: next }) => setHotp((h) => ({ ...h, [a.id]: next })),
                (e: unknown) => report.error(messageOf(e)),
              )
            }
          />
        ))}
      </ul>
    </>
  );
}
