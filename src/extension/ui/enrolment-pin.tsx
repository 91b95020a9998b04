/** "Initialise with this page", second step: the new PIN for the account the page's QR code offers. */
import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../core/messages';
import { isPin } from '../../core/pin';
import { t } from '../i18n/t';
import { sendMessage } from '../send-message';
import { messageOf } from './message-of';
import { PinField } from './pin-field';

export function EnrolmentPin(props: {
  tabId: number;
  origin: string;
  payload: string;
  /** The id of the popup's error message, when one is shown (the field is described by it). */
  describedBy?: string;
  onError: (message: string | null) => void;
  onBusy: (busy: boolean) => void;
  onDone: (account: AccountSummary) => void;
  onCancel: () => void;
}) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const working = (value: boolean) => {
    setBusy(value);
    props.onBusy(value);
  };

  async function authenticate(event: Event) {
    event.preventDefault();
    if (!isPin(pin)) return props.onError(t('enterPinDigits'));
    props.onError(null);
    working(true);
    try {
      const { account } = await sendMessage('enrol', { tabId: props.tabId, payload: props.payload, pin });
      props.onDone(account);
    } catch (e) {
      props.onError(messageOf(e));
      setPin('');
    } finally {
      working(false);
    }
  }

  return (
    <form onSubmit={authenticate} aria-label={t('enterPin')}>
      <p>{t('initialiseWith', { host: new URL(props.origin).host })}</p>
      <PinField label={t('enterNewPin')} value={pin} onInput={setPin} disabled={busy} describedBy={props.describedBy} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('authenticate')}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
