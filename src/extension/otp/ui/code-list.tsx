/**
 * The codes: the tab's site first, then pinned ones; each with the time left as a ring, copied on
 * click; search; pin, rename, delete (confirmed). TOTP codes come with the next one, so the list
 * turns over on time without waiting for the background; HOTP codes are made only on request
 * (each one moves the counter, RFC 4226 §7.2).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isTimeBased } from '../../../core/otp/kinds';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { OtpItem } from './code-item';
import { TextField } from './text-field';
import { messageOf } from '../../ui/message-of';
import type { OtpView, Report } from './report';
import { useClock } from './clock';
import { shownCode } from './shown-code';

/**
 * Rows drawn at first, and how many more each time the end of the list scrolls into view: a
 * screen holds about ten, and 2,000 rows made at once would keep a popup or page blank for a
 * quarter of a second (bench: Manage codes page) — the user sees the same first screen sooner.
 */
export const FIRST_ROWS = 50;
const MORE_ROWS = 100;

export function OtpList({ view: list, report }: { view: OtpView; report: Report }) {
  const [query, setQuery] = useState('');
  /** The group shown ('' for all); the choice appears once any account is in a group. */
  const [group, setGroup] = useState('');
  const groups = useMemo(
    () => [...new Set(list.accounts.map((a) => a.group).filter(Boolean))].sort((a, b) => a.localeCompare(b)),
    [list],
  );
  const [limit, setLimit] = useState(FIRST_ROWS);
  const end = useRef<HTMLLIElement>(null);
  const [hotp, setHotp] = useState<Record<string, string>>({});

  // A code past its next one: ask again (a period of a few seconds, or the popup left open long).
  // The list re-renders at a tick only when this turns true; each row follows the clock itself.
  const stale = useClock((now) =>
    list.accounts.some((a) => isTimeBased(a.kind) && shownCode(a, list.at, now) === null),
  );
  useEffect(() => {
    if (stale) report.changed();
  }, [stale]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = group ? list.accounts.filter((a) => a.group === group) : list.accounts;
    return q ? all.filter((a) => `${a.issuer} ${a.label} ${a.site} ${a.group}`.toLowerCase().includes(q)) : all;
  }, [list, query, group]);

  // The rows' callbacks stay the same from render to render, so a row re-renders only for its own changes.
  const act = useCallback(
    (run: () => Promise<unknown>, done?: string) =>
      run().then(
        () => {
          if (done) report.notice(done);
          report.changed();
        },
        (e: unknown) => report.error(messageOf(e)),
      ),
    [report],
  );
  const copy = useCallback(
    (code: string, name: string) =>
      void navigator.clipboard.writeText(code).then(
        () => report.notice(t('otpCopied', { name })),
        () => report.error(t('otpCopyFailed')),
      ),
    [report],
  );
  const showHotp = useCallback(
    (id: string) =>
      void sendMessage('otpHotpCode', { id }).then(
        ({ code: next }) => setHotp((h) => ({ ...h, [id]: next })),
        (e: unknown) => report.error(messageOf(e)),
      ),
    [report],
  );

  // The end of the list in view (scrolled to, or the list short): draw the next rows.
  useEffect(() => {
    const sentinel = end.current;
    if (!sentinel) return;
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + MORE_ROWS);
      },
      { root: sentinel.parentElement, rootMargin: '200px' },
    );
    seen.observe(sentinel);
    return () => seen.disconnect();
    // Watched anew after each growth: the end row may be a new element, and may still be in view.
  }, [limit, shown.length]);

  if (list.accounts.length === 0) return <p data-testid="otp-none">{t('otpNone')}</p>;

  return (
    <>
      <TextField id="otp-search" label={t('otpSearch')} type="search" hiddenLabel value={query} onInput={setQuery} />
      {groups.length > 0 && (
        <div class="field text">
          <label for="otp-group-filter">{t('otpGroup')}</label>
          <select id="otp-group-filter" value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
            <option value="">{t('otpAllGroups')}</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
      )}
      <ul class="otp-list" aria-label={t('otpHeading')}>
        {shown.slice(0, limit).map((a) => (
          <OtpItem
            key={a.id}
            account={a}
            here={!!list.site && a.site === list.site}
            at={list.at}
            hotp={hotp[a.id] ?? null}
            act={act}
            onCopy={copy}
            onHotp={showHotp}
          />
        ))}
        {shown.length > limit && <li ref={end} class="otp-list-end" aria-hidden="true" />}
      </ul>
    </>
  );
}
