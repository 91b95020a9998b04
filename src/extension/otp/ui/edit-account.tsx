/** Renaming an account, moving it to another site (where its code is offered) or another group. */
import { useState } from 'preact/hooks';
import type { OtpAccountView } from '../../../core/messages';
import { t } from '../../i18n/t';
import { TextField } from './text-field';

export function OtpEdit(props: {
  account: OtpAccountView;
  onSave: (change: { issuer: string; label: string; site: string; group: string }) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [issuer, setIssuer] = useState(props.account.issuer);
  const [label, setLabel] = useState(props.account.label);
  const [site, setSite] = useState(props.account.site);
  const [group, setGroup] = useState(props.account.group);
  const id = props.account.id;
  return (
    <form
      class="otp-edit"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSave({ issuer, label, site: site.trim().toLowerCase(), group });
      }}
    >
      <TextField id={`issuer-${id}`} label={t('otpIssuer')} value={issuer} maxLength={200} onInput={setIssuer} />
      <TextField id={`label-${id}`} label={t('otpAccountName')} value={label} maxLength={200} onInput={setLabel} />
      <TextField id={`site-${id}`} label={t('otpSite')} value={site} maxLength={253} onInput={setSite} />
      <TextField id={`group-${id}`} label={t('otpGroup')} value={group} maxLength={200} onInput={setGroup} />
      <button type="submit">{t('otpSave')}</button>{' '}
      <button type="button" class="secondary" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </form>
  );
}
