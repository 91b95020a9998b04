/**
 * One account in the list: its names, its code (copied on click) with the time left as a ring,
 * and behind its "⋯" button the rarer actions — pin, edit, delete (confirmed). Kept small: the
 * popup draws 200 of them at once.
 */
import { useState } from 'preact/hooks';
import { isTimeBased } from '../../../core/otp/kinds';
import type { OtpAccountView } from '../../../core/messages';
import { t } from '../../i18n/t';
import { sendMessage } from '../../send-message';
import { useClock } from './clock';
import { OtpEdit } from './edit-account';
import { shownCode } from './shown-code';

/** A code in two halves, as people read it out: 123 456, 1234 567, 1234 5678; Steam's 5 letters as one word. */
const spaced = (code: string) =>
  /^[0-9]+$/.test(code)
    ? `${code.slice(0, Math.ceil(code.length / 2))} ${code.slice(Math.ceil(code.length / 2))}`
    : code;

/** The seconds left of a TOTP code: the only part of a row that changes every second. */
const secondsLeft = (period: number, now: number) => period - (Math.floor(now / 1000) % period);

function TimeLeft({ period }: { period: number }) {
  const left = useClock((now) => secondsLeft(period, now));
  return (
    <span class="otp-left" title={t('otpSecondsLeft', { seconds: left })}>
      <Ring left={left} period={period} />
    </span>
  );
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

/**
 * A row: re-rendered by the list only when the list changes (it no longer ticks), and by its own
 * clock only when its code turns over; its time left re-renders alone, once a second.
 */
export function OtpItem(props: {
  account: OtpAccountView;
  /** The account of the tab's site. */
  here: boolean;
  /** When the list's codes were made (TOTP: this period's code and the next). */
  at: number;
  /** HOTP: the code the user asked for, if any. */
  hotp: string | null;
  /** Runs a change, then says `done` and reloads the list; errors are reported. */
  act: (run: () => Promise<unknown>, done?: string) => Promise<unknown>;
  onCopy: (code: string, name: string) => void;
  onHotp: (id: string) => void;
}) {
  const { account: a, act } = props;
  const totp = useClock((now) => (isTimeBased(a.kind) ? shownCode(a, props.at, now) : null));
  const code = isTimeBased(a.kind) ? totp : props.hotp;
  const [mode, setMode] = useState<'row' | 'tools' | 'edit' | 'confirm'>('row');
  const name = a.issuer ? `${a.issuer} (${a.label})` : a.label;
  return (
    <li data-testid="otp-account" class={props.here ? 'here' : undefined}>
      <div class="otp-row">
        <span class="otp-name">
          {/* Each name isolated (<bdi>, UAX #9): whatever it holds cannot reorder what is drawn around it. */}
          <strong>
            <bdi>{a.issuer || a.label}</bdi>
          </strong>
          {a.issuer && (
            <span class="muted">
              {' '}
              <bdi>{a.label}</bdi>
            </span>
          )}
          {a.group && (
            <span class="muted otp-group">
              {' '}
              · <bdi>{a.group}</bdi>
            </span>
          )}
          {a.pinned && <span class="muted"> · {t('otpPinned')}</span>}
          {props.here && <span class="muted"> · {t('otpThisSite')}</span>}
        </span>
        {code ? (
          <button
            type="button"
            class="otp-code"
            data-testid="otp-code"
            // WCAG 2.5.3: the accessible name begins with what is shown, the code.
            aria-label={t('otpCopyCode', { code: spaced(code), name })}
            onClick={() => props.onCopy(code, name)}
          >
            {spaced(code)}
          </button>
        ) : (
          a.kind === 'hotp' && (
            <button type="button" class="secondary" onClick={() => props.onHotp(a.id)}>
              {t('otpShowCode')}
            </button>
          )
        )}
        {isTimeBased(a.kind) && <TimeLeft period={a.period} />}
        <button
          type="button"
          class="link otp-more"
          aria-expanded={mode !== 'row'}
          aria-label={t('otpActionsFor', { name })}
          onClick={() => setMode(mode === 'row' ? 'tools' : 'row')}
        >
          ⋯
        </button>
      </div>
      {mode === 'edit' ? (
        <OtpEdit
          account={a}
          onCancel={() => setMode('row')}
          onSave={(change) =>
            act(() => sendMessage('otpUpdate', { id: a.id, ...change }), t('otpSaved')).then(() => setMode('row'))
          }
        />
      ) : mode === 'confirm' ? (
        <div role="group" class="confirm" aria-label={t('otpDeleteQuestion', { name })}>
          <p>{t('otpDeleteConfirm', { name })}</p>
          <button
            type="button"
            onClick={() => void act(() => sendMessage('otpRemove', { id: a.id }), t('otpDeleted', { name }))}
          >
            {t('otpDelete')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setMode('row')}>
            {t('keep')}
          </button>
        </div>
      ) : (
        mode === 'tools' && (
          <div class="otp-tools">
            <button
              type="button"
              class="link"
              onClick={() =>
                void act(() => sendMessage('otpUpdate', { id: a.id, pinned: !a.pinned })).then(() => setMode('row'))
              }
            >
              {a.pinned ? t('otpUnpin') : t('otpPin')}
            </button>
            <button type="button" class="link" onClick={() => setMode('edit')}>
              {t('otpEdit')}
            </button>
            <button type="button" class="link" onClick={() => setMode('confirm')}>
              {t('otpDeleteEllipsis')}
            </button>
            {a.site && <span class="muted">{a.site}</span>}
          </div>
        )
      )}
    </li>
  );
}
