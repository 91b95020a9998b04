/**
 * The background's wiring: the vault, the services, and the handlers of its
 * part of the message protocol. The entrypoint only calls this.
 */
import { browser } from 'wxt/browser';
import { registerMessageHandlers } from '../messaging';
import { openVault } from '../vault/vault';
import { createAccountsService } from './accounts-service';
import { createBrokerService } from './broker-service';
import { browserName } from './browser-name';
import { createEnrolmentService } from './enrolment-service';
import { createLoginService, registerLoginNotificationClicks, registerLoginTabWatch } from './login-service';
import { createPushService, keepChannelsAlive, registerPushNotificationClicks } from './push-service';
import { startServerAccessSync } from './server-access';
import { createStatusService } from './status-service';
import { createPopupStart } from './popup-start';
import { startOneTimeCodes } from '../otp/background/start-codes';
import { readTabQr } from './tab-qr';

export function startBackground(): void {
  const vault = openVault();
  registerLoginNotificationClicks();
  registerLoginTabWatch();
  registerPushNotificationClicks();
  const syncScripts = startServerAccessSync(async () => (await (await vault).all()).map((a) => a.serverOrigin));
  const push = createPushService({ vault: () => vault, afterRemoval: syncScripts });
  // Enrolling or removing an account changes both the content scripts and the channels.
  const accountsChanged = () => Promise.all([syncScripts(), push.sync()]);
  keepChannelsAlive(push);
  const login = createLoginService(() => vault, readTabQr);
  const codes = startOneTimeCodes({ vault: () => vault, readTabQr });
  registerMessageHandlers({
    ...createPopupStart({ getPendingLogin: login.getPendingLogin, otpList: codes.otpList }),
    ...createStatusService(browser.runtime.getManifest().version),
    ...createEnrolmentService({
      vault: () => vault,
      readTabQr,
      browserName: browserName(navigator.userAgent),
      afterEnrol: accountsChanged,
    }),
    ...createAccountsService(() => vault, accountsChanged),
    ...login,
    ...push.handlers,
    ...createBrokerService(() => vault),
    ...codes,
  });
}
