import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startOtpOffer } from '../src/extension/otp/content/code-offer';
import { registerMessageHandlers, sendMessage } from '../src/extension/messaging';

// The fill script of one-time-code accounts (docs/otp-accounts.md §4): registered at run time
// (otp/background/fill-access.ts) for the sites the user's accounts belong to and granted, and
// nowhere else; it runs in the top frame and reaches same-origin frames through the DOM.
export default defineUnlistedScript(() => {
  const offer = startOtpOffer(document, {
    offer: () => sendMessage('otpOffer', {}),
    code: async (id) => (await sendMessage('otpCodeForPage', { id })).code,
  });
  registerMessageHandlers({ otpFill: ({ code }) => ({ filled: offer.fillFocused(code) }) });
});
