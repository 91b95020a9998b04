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
import { OtpEdit } from './otp-edit';
import { messageOf, type Report } from './otp-report';

/** A code in two halves, as people read it out: 123 456, 1234 567, 1234 5678. */
const spaced = (code: string) =>
  `${code.slice(0, Math.ceil(code.length / 2))} ${code.slice(Math.ceil(code.length / 2))}`;

const windowOf = (ms: number, period: number) => Math.floor(ms / 1000 / period);

/** The code to show at `now`: this period's, the next one's, or none (the list is being asked again). */
export function shownCode(a: OtpAccountView, at: number, now: number): string | null {
  const step = windowOf(now, a.period) - windowOf(at, a.period);
  return step === 0 ? a.code : step === 1 ? a.next : null;
}

function Ring({ left, period }: { left: number; period: number }) {
  const r = 7;
  const length = 2 * Math.PI * r;
  return (
    <svg class="ring" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
      <circle cx="9" cy="9" r={r} class="ring-track" />
      <circle
        cx="9"
        cy="9"
        r={r}
        class={left <= 5 ? 'ring-left ending' : 'ring-left'}
        stroke-dasharray={`${(length * left) / period} ${length}`}
        transform="rotate(-90 9 9)"
      />
    </svg>
  );
}

export function OtpList(props: { tabId: number | null; version: number; report: Report; onLocked: () => void }) {
  const { report } = props;
  const [list, setList] = useState<{ accounts: OtpAccountView[]; site: string; at: number } | null>(null);
  const [now, setNow] = useState(Date.now());
  const [query, setQuery] = useState('');
  const [hotp, setHotp] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = () =>
    sendMessage('otpList', { tabId: props.tabId }).then(setList, (e: unknown) => {
      report.error(messageOf(e));
      props.onLocked();
    });
  useEffect(() => void load(), [props.version]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  // A code past its next one: ask again (a period of a few seconds, or the popup left open long).
  const stale = list?.accounts.some((a) => a.kind === 'totp' && shownCode(a, list.at, now) === null);
  useEffect(() => {
    if (stale) void load();
  }, [stale]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = list?.accounts ?? [];
    return q ? all.filter((a) => `${a.issuer} ${a.label} ${a.site}`.toLowerCase().includes(q)) : all;
  }, [list, query]);

  if (!list) return null;
  if (list.accounts.length === 0) return <p>{t('otpNone')}</p>;

  const act = (run: () => Promise<unknown>, done?: string) =>
    run().then(
      () => {
        if (done) report.notice(done);
        return load();
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
      <div class="field text">
        <label for="otp-search" class="visually-hidden">
          {t('otpSearch')}
        </label>
        <input
          id="otp-search"
          type="search"
          placeholder={t('otpSearch')}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <ul class="otp-list" aria-label={t('otpHeading')}>
        {shown.map((a) => {
          const name = a.issuer ? `${a.issuer} (${a.label})` : a.label;
          const code = a.kind === 'totp' ? shownCode(a, list.at, now) : (hotp[a.id] ?? null);
          const left = a.period - (Math.floor(now / 1000) % a.period);
          return (
            <li key={a.id} data-testid="otp-account" class={list.site && a.site === list.site ? 'here' : undefined}>
              <div class="otp-row">
                <span class="otp-name">
                  <strong>{a.issuer || a.label}</strong>
                  {a.issuer && <span class="muted"> {a.label}</span>}
                  {a.pinned && <span class="muted"> · {t('otpPinned')}</span>}
                  {list.site && a.site === list.site && <span class="muted"> · {t('otpThisSite')}</span>}
                </span>
                {code ? (
                  <button
                    type="button"
                    class="otp-code"
                    data-testid="otp-code"
                    aria-label={t('otpCopyCode', { name })}
                    onClick={() => void copy(code, name)}
                  >
                    {spaced(code)}
                  </button>
                ) : (
                  a.kind === 'hotp' && (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() =>
                        void sendMessage('otpHotpCode', { id: a.id }).then(
                          ({ code: next }) => setHotp((h) => ({ ...h, [a.id]: next })),
                          (e: unknown) => report.error(messageOf(e)),
                        )
                      }
                    >
                      {t('otpShowCode')}
                    </button>
                  )
                )}
                {a.kind === 'totp' && (
                  <span class="otp-left" title={t('otpSecondsLeft', { seconds: left })}>
                    <Ring left={left} period={a.period} />
                    <span class="visually-hidden">{t('otpSecondsLeft', { seconds: left })}</span>
                  </span>
                )}
              </div>
              {editing === a.id ? (
                <OtpEdit
                  account={a}
                  onCancel={() => setEditing(null)}
                  onSave={(change) =>
                    act(() => sendMessage('otpUpdate', { id: a.id, ...change }), t('otpSaved')).then(() =>
                      setEditing(null),
                    )
                  }
                />
              ) : confirming === a.id ? (
                <div role="group" class="confirm" aria-label={t('otpDeleteQuestion', { name })}>
                  <p>{t('otpDeleteConfirm', { name })}</p>
                  <button
                    type="button"
                    onClick={() =>
                      void act(() => sendMessage('otpRemove', { id: a.id }), t('otpDeleted', { name })).finally(() =>
                        setConfirming(null),
                      )
                    }
                  >
                    {t('otpDelete')}
                  </button>{' '}
                  <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                    {t('keep')}
                  </button>
                </div>
              ) : (
                <div class="otp-tools">
                  <button
                    type="button"
                    class="link"
                    onClick={() => void act(() => sendMessage('otpUpdate', { id: a.id, pinned: !a.pinned }))}
                  >
                    {a.pinned ? t('otpUnpin') : t('otpPin')}
                  </button>
                  <button
                    type="button"
                    class="link"
                    aria-label={t('otpEditName', { name })}
                    onClick={() => setEditing(a.id)}
                  >
                    {t('otpEdit')}
                  </button>
                  <button
                    type="button"
                    class="link"
                    aria-label={t('otpDeleteName', { name })}
                    onClick={() => setConfirming(a.id)}
                  >
                    {t('otpDeleteEllipsis')}
                  </button>
                  {a.site && <span class="muted">{a.site}</span>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
