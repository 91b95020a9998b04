/**
 * "Register this computer as a trusted platform" and "Add a security key" for
 * an enrolled account: the background gets the options from the server (signed
 * with the device key), this page runs the browser's WebAuthn dialog (a service
 * worker cannot), and the background returns the result (docs/protocol.md §8).
 */
import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../core/messages';
import { t } from '../i18n/t';
import { sendMessage } from '../send-message';
import { dialogMessage } from './dialog-error';

type Kind = 'platform' | 'security-key';

const supported = () =>
  typeof PublicKeyCredential !== 'undefined' && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function';

export function RegisterAuthenticator({ account }: { account: AccountSummary }) {
  const [kind, setKind] = useState<Kind | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  if (!supported()) return null;

  function open(next: Kind) {
    setKind(next);
    setName(next === 'platform' ? t('thisComputer') : t('securityKey'));
    setMessage(null);
  }

  async function register(event: Event) {
    event.preventDefault();
    if (!kind) return;
    setBusy(true);
    setMessage(null);
    try {
      const { tx, options } = await sendMessage('brokerOptions', { accountId: account.id, kind, name: name.trim() });
      const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
        options as unknown as PublicKeyCredentialCreationOptionsJSON,
      );
      const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null;
      if (!credential) throw new Error(t('noCredential'));
      const result = await sendMessage('brokerFinish', {
        accountId: account.id,
        tx,
        credential: credential.toJSON() as Record<string, unknown>,
      });
      setKind(null);
      setMessage({ text: t('registeredFor', { name: result.name, email: account.email }), error: false });
    } catch (e) {
      const text = dialogMessage(e, t('registerCancelled'), t('alreadyRegistered'));
      setMessage({ text, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="authenticators">
      {kind ? (
        <form onSubmit={register} aria-label={kind === 'platform' ? t('registerComputer') : t('addSecurityKey')}>
          {/* A text field's width, not the PIN field's 6em: "Popup security key" is read whole. */}
          <div class="field text">
            <label for={`name-${account.id}`}>{t('name')}</label>
            <input
              id={`name-${account.id}`}
              value={name}
              maxLength={50}
              required
              disabled={busy}
              onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <div class="actions">
            <button type="submit" disabled={busy || !name.trim()}>
              {t('register')}
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => setKind(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => open('platform')}>
            {t('registerPlatform')}
          </button>
          <button type="button" class="secondary" onClick={() => open('security-key')}>
            {t('addSecurityKey')}
          </button>
        </div>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'notice'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
