import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createStatusService } from '../src/extension/background/status-service';
import { registerMessageHandlers } from '../src/extension/messaging';

export default defineBackground(() => {
  registerMessageHandlers({ ...createStatusService(browser.runtime.getManifest().version) });
});
