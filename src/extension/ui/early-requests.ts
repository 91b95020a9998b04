/**
 * The popup's first question, asked the moment its script starts — imported first by the entry,
 * so that the round trip to the background (and, when Chrome has stopped the worker, the worker's
 * start) runs while the rest of the popup's modules are evaluated and its first render is done.
 * One question (`popupStart`): the sign-in waiting for a PIN and, when none waits, the one-time
 * codes of the tab, which the background works out only then (that prompt comes first, and
 * opening 200 records must not delay it).
 */
import { sendMessage } from '../send-message';
import { tabFromQuery } from './target-tab';

const first = sendMessage('popupStart', { tabId: tabFromQuery() ?? null });

export const firstPendingLogin = first.then(({ login }) => login);
/** The one-time codes and the tab they are for; null when a sign-in waits (the home is not shown). */
export const firstOtpList = first.then(({ codes }) => codes);
// Handled where they are used; never an unhandled rejection in the meantime.
firstPendingLogin.catch(() => undefined);
firstOtpList.catch(() => undefined);
