import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createAccountsService } from '../src/extension/background/accounts-service';
import { browserName } from '../src/extension/background/browser-name';
import { createEnrolmentService } from '../src/extension/background/enrolment-service';
import { createLoginService, registerLoginNotificationClicks } from '../src/extension/background/login-service';
import { startServerAccessSync } from '../src/extension/background/server-access';
import { createStatusService } from '../src/extension/background/status-service';
import { readTabQr } from '../src/extension/background/tab-qr';
import { registerMessageHandlers } from '../src/extension/messaging';
import { openVault } from '../src/extension/vault/vault';

export default defineBackground(() => {
  const vault = openVault();
  registerLoginNotificationClicks();
  const syncScripts = startServerAccessSync(async () => (await (await vault).all()).map((a) => a.serverOrigin));
  registerMessageHandlers({
    ...createStatusService(browser.runtime.getManifest().version),
    ...createEnrolmentService({
      vault: () => vault,
      readTabQr,
      browserName: browserName(navigator.userAgent),
      afterEnrol: syncScripts,
    }),
    ...createAccountsService(() => vault, syncScripts),
    ...createLoginService(() => vault),
  });
});
