/**
 * The popup's first questions, asked the moment its script starts — imported first by the entry,
 * so that the round trip to the background (and, when Chrome has stopped the worker, the worker's
 * start) runs while the rest of the popup's modules are evaluated and its first render is done.
 */
import { sendMessage } from '../send-message';
import { targetTab } from './target-tab';

export const firstPendingLogin = sendMessage('getPendingLogin', {});
/** Looked up beside the first question, so the codes' question leaves the moment it is answered. */
const firstTab = targetTab().catch(() => undefined);
// Handled where it is used; never an unhandled rejection in the meantime.
firstPendingLogin.catch(() => undefined);

/**
 * The one-time codes, asked once the background has answered that no sign-in waits for a PIN
 * (that prompt comes first, and opening 200 records must not delay it); with a sign-in waiting
 * the home is not shown, nothing is asked, and this resolves with null.
 */
export const firstOtpList = firstPendingLogin.then(async ({ pending }) => {
  if (pending) return null; // not asked: the popup shows the sign-in's PIN prompt
  const tabId = (await firstTab) ?? null;
  return { tabId, list: await sendMessage('otpList', { tabId }) };
});
firstOtpList.catch(() => undefined);
