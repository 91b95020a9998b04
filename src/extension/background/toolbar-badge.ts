/**
 * The toolbar badge, shared by what needs the user's eye: the push requests waiting (their count)
 * and a failing automatic backup ('!', docs/otp-accounts.md §6). A count is shown first; the '!'
 * whenever no request waits. Held in this worker's memory: each owner sets its part again when a
 * new worker starts.
 */
import { browser } from 'wxt/browser';

let pushCount = 0;
let backupFailing = false;

async function show() {
  const text = pushCount ? String(pushCount) : backupFailing ? '!' : '';
  await browser.action.setBadgeText({ text }).catch(() => undefined);
  if (text === '!') await browser.action.setBadgeBackgroundColor({ color: '#b00020' }).catch(() => undefined);
}

export async function showPushCount(count: number) {
  pushCount = count;
  await show();
}

export async function showBackupFailing(failing: boolean) {
  backupFailing = failing;
  await show();
}
