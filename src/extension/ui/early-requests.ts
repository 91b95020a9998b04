/**
 * The popup's first question, asked the moment its script starts — imported first by the entry,
 * so that the round trip to the background (and, when Chrome has stopped the worker, the worker's
 * start) runs while the rest of the popup's modules are evaluated and its first render is done.
 */
import { sendMessage } from '../send-message';

export const firstPendingLogin = sendMessage('getPendingLogin', {});
// Handled where it is used; never an unhandled rejection in the meantime.
firstPendingLogin.catch(() => undefined);
