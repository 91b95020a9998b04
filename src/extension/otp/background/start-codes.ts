/**
 * The one-time codes' part of the background (docs/otp-accounts.md): the accounts under their
 * passphrase and auto-lock, the fill script's registrations that follow their sites, and the
 * handlers of the codes' messages, and the automatic backup that follows every change. Built in the order each part needs the last: the sync exists
 * before the service that calls it after each change, and the service before the shortcut it answers.
 */
import type { Vault } from '../../vault/vault';
import { browser } from 'wxt/browser';
import { createCodeAccounts, OTP_LOCK_ALARM } from '../code-accounts';
import { createOtpService } from './codes-service';
import { answerFillRequests, startOtpFillAccess } from './fill-access';
import { startAutomaticBackup } from './backup-service';
import { createBackupHandlers } from './backup-messages';
import type { TabQr } from '../../background/tab-qr';

export function startOneTimeCodes({
  vault,
  readTabQr,
}: {
  vault: () => Promise<Vault>;
  readTabQr: (tabId: number, options: { all: boolean }) => Promise<TabQr>;
}) {
  const accounts = createCodeAccounts({ vault });
  lockWhenIdle(accounts);
  const syncFill = startOtpFillAccess(async () => {
    if ((await accounts.state()) !== 'unlocked') return null;
    return (await accounts.accounts({ use: false })).map((a) => a.site);
  });
  const service = createOtpService({ otp: accounts, readTabQr, afterChange: syncFill });
  answerFillRequests(service.fillTab);
  const backup = startAutomaticBackup({ otp: accounts, afterMerge: syncFill });
  return { ...service.handlers, ...createBackupHandlers({ otp: accounts, backup }) };
}

/** The auto-lock: the alarm the vault pushes forward at each use locks it when it rings. */
export function lockWhenIdle(otp: { lock(): Promise<void> }): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OTP_LOCK_ALARM) void otp.lock();
  });
}
