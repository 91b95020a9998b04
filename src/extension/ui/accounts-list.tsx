/** The enrolled accounts, each removable after a confirmation. */
import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../core/messages';
import { RegisterAuthenticator } from './register-authenticator';

export interface AccountsListProps {
  accounts: AccountSummary[];
  onRemove: (account: AccountSummary) => Promise<void>;
  onBiometricOff: (account: AccountSummary) => Promise<unknown>;
}

export function AccountsList({ accounts, onRemove, onBiometricOff }: AccountsListProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (accounts.length === 0) return <p>No account is initialised yet.</p>;
  return (
    <ul class="accounts" aria-label="Accounts">
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
              <span class="muted">Fingerprint unlock is on.</span>{' '}
              <button type="button" class="link" onClick={() => void onBiometricOff(account)}>
                Turn off fingerprint unlock
              </button>
            </p>
          )}
          {confirming === account.id ? (
            <div role="group" aria-label={`Remove ${account.email}?`} class="confirm">
              <p>Remove {account.email} from Sidekey? You will need to initialise this browser again to use it.</p>
              <button type="button" onClick={() => void onRemove(account).finally(() => setConfirming(null))}>
                Remove
              </button>{' '}
              <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                Keep
              </button>
            </div>
          ) : (
            <button
              type="button"
              class="link"
              onClick={() => setConfirming(account.id)}
              aria-label={`Remove ${account.email}`}
            >
              Remove…
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
