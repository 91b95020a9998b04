/** The enrolled accounts, each removable after a confirmation. */
import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../core/messages';
import { t } from '../i18n/t';
import { RegisterAuthenticator } from './register-authenticator';

export interface AccountsListProps {
  accounts: AccountSummary[];
  onRemove: (account: AccountSummary) => Promise<void>;
  onBiometricOff: (account: AccountSummary) => Promise<unknown>;
}

export function AccountsList({ accounts, onRemove, onBiometricOff }: AccountsListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (accounts.length === 0) return <p>{t('noAccounts')}</p>;
  return (
    <ul class="accounts" aria-label={t('accounts')}>
      {accounts.map((account) => (
        <li key={account.id} data-testid="account">
          <strong>{account.email}</strong> <span class="muted">({account.uid})</span>
          <br />
          <span class="muted">
            {new URL(account.serverOrigin).host} · {account.deviceName}
          </span>
          <RegisterAuthenticator account={account} />
          {account.biometric && (
            <p>
              <span class="muted">{t('biometricIsOn')}</span>{' '}
              <button type="button" class="link" onClick={() => void onBiometricOff(account)}>
                {t('biometricTurnOff')}
              </button>
            </p>
          )}
          {confirming === account.id ? (
            <div role="group" aria-label={t('removeQuestion', { email: account.email })} class="confirm">
              <p>{t('removeConfirm', { email: account.email })}</p>
              <button type="button" onClick={() => void onRemove(account).finally(() => setConfirming(null))}>
                {t('remove')}
              </button>{' '}
              <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                {t('keep')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              class="link"
              onClick={() => setConfirming(account.id)}
              aria-label={t('removeAccount', { email: account.email })}
            >
              {t('removeEllipsis')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
