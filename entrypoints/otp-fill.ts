import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startOtpOffer } from '../src/extension/otp/content/code-offer';
import { registerMessageHandlers, sendMessage } from '../src/extension/messaging';

// The fill script of one-time-code accounts (docs/otp-accounts.md §4): registered at run time
// (otp/background/fill-access.ts) for the sites the user's accounts belong to and granted, and
// nowhere else; it runs in the top frame and reaches same-origin frames through the DOM. Its
// context ends it whole when the extension reloads or the script is injected again; the
// started-message stays off the page's window (it would carry the extension's id).
export default defineUnlistedScript(() => {
  const ctx = new ContentScriptContext('otp-fill', { noScriptStartedPostMessage: true });
  const offer = startOtpOffer(document, ctx, {
    offer: () => sendMessage('otpOffer', {}),
    code: async (id) => (await sendMessage('otpCodeForPage', { id })).code,
  });
  ctx.onInvalidated(registerMessageHandlers({ otpFill: ({ code }) => ({ filled: offer.fillFocused(code) }) }));
});
