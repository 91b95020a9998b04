/** The popup's words for a failed WebAuthn dialog. */
import { describe, expect, it } from 'vitest';
import { dialogMessage } from '../../../src/extension/ui/dialog-error';

describe('dialogMessage', () => {
  it('names the dialog’s refusals, and passes other errors on', () => {
    expect(dialogMessage(new DOMException('x', 'NotAllowedError'), 'Cancelled.')).toBe('Cancelled.');
    expect(dialogMessage(new DOMException('x', 'InvalidStateError'), 'Cancelled.', 'Already there.')).toBe(
      'Already there.',
    );
    // Without a text for it, an InvalidStateError is an ordinary error.
    expect(dialogMessage(new DOMException('boom', 'InvalidStateError'), 'Cancelled.')).toBe('boom');
    expect(dialogMessage(new Error('The server said no.'), 'Cancelled.')).toBe('The server said no.');
    expect(dialogMessage('odd', 'Cancelled.')).toBe('odd');
  });
});
