import { messageOf } from './message-of';

/**
 * What to tell the user when a step that may open the browser's WebAuthn dialog fails: the
 * dialog's own refusals by name (WebAuthn §5.1.3/§5.1.4: NotAllowedError when cancelled or timed
 * out, InvalidStateError for an authenticator already registered), else the error's message.
 */
export function dialogMessage(error: unknown, cancelled: string, alreadyRegistered?: string): string {
  if (error instanceof DOMException && error.name === 'NotAllowedError') return cancelled;
  if (alreadyRegistered && error instanceof DOMException && error.name === 'InvalidStateError')
    return alreadyRegistered;
  return messageOf(error);
}
