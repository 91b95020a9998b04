/**
 * The question a code read from a picture of the tab must pass (docs/otp-accounts.md §4): the
 * capture shows cross-origin frames and images too, so the tab's site may not be the code's —
 * evil.example framing bank.example's setup page must not get the bank's code bound to itself.
 * The site is shown large, and the user confirms it, names another, or keeps the code for no site
 * (copied by hand only).
 */
import { useState } from 'preact/hooks';
import type { ResponseOf } from '../../../core/messages';
import { t } from '../../i18n/t';
import { TextField } from './text-field';

export type SiteQuestion = NonNullable<ResponseOf<'otpAddFromTab'>['confirmSite']>;

export function OtpConfirmSite(props: {
  question: SiteQuestion;
  busy: boolean;
  onConfirm: (site: string) => void;
  onCancel: () => void;
}) {
  const { suggested, accounts } = props.question;
  const [other, setOther] = useState('');
  const names = accounts.map((a) => (a.issuer ? `${a.issuer} (${a.label})` : a.label)).join(', ');
  return (
    <div role="group" aria-labelledby="otp-confirm-site" class="confirm" data-testid="otp-confirm-site">
      <p id="otp-confirm-site">
        {t('otpConfirmSiteRead')} <bdi>{names}</bdi>
      </p>
      {suggested && (
        <p class="otp-site-question">
          {t('otpConfirmSiteQuestion')} <strong class="otp-site">{suggested}</strong>?
        </p>
      )}
      <p class="muted">{t('otpConfirmSiteWhy')}</p>
      {suggested && (
        <button type="button" disabled={props.busy} onClick={() => props.onConfirm(suggested)}>
          {t('otpConfirmSiteYes', { site: suggested })}
        </button>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onConfirm(other.trim().toLowerCase());
        }}
      >
        <TextField id="otp-confirm-other" label={t('otpConfirmSiteOther')} value={other} onInput={setOther} />
        <button type="submit" class="secondary" disabled={props.busy || !other.trim()}>
          {t('otpConfirmSiteUse')}
        </button>
      </form>
      <button type="button" class="secondary" disabled={props.busy} onClick={() => props.onConfirm('')}>
        {t('otpConfirmSiteNone')}
      </button>{' '}
      <button type="button" class="secondary" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
