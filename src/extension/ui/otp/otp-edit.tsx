/** Renaming an account, or moving it to another site (where its code is offered). */
import { useState } from 'preact/hooks';
import type { OtpAccountView } from '../../../core/messages';
import { t } from '../../i18n/t';

export function OtpEdit(props: {
  account: OtpAccountView;
  onSave: (change: { issuer: string; label: string; site: string }) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [issuer, setIssuer] = useState(props.account.issuer);
  const [label, setLabel] = useState(props.account.label);
  const [site, setSite] = useState(props.account.site);
  const id = props.account.id;
  return (
    <form
      class="otp-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSave({ issuer, label, site: site.trim().toLowerCase() });
      }}
    >
      <div class="field text">
        <label for={`issuer-${id}`}>{t('otpIssuer')}</label>
        <input id={`issuer-${id}`} value={issuer} maxLength={200} onInput={(e) => setIssuer(e.currentTarget.value)} />
      </div>
      <div class="field text">
        <label for={`label-${id}`}>{t('otpAccountName')}</label>
        <input id={`label-${id}`} value={label} maxLength={200} onInput={(e) => setLabel(e.currentTarget.value)} />
      </div>
      <div class="field text">
        <label for={`site-${id}`}>{t('otpSite')}</label>
        <input id={`site-${id}`} value={site} maxLength={253} onInput={(e) => setSite(e.currentTarget.value)} />
      </div>
      <button type="submit">{t('otpSave')}</button>{' '}
      <button type="button" class="secondary" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}
