import { defineContentScript } from 'wxt/utils/define-content-script';
import { connectServerPage } from '../src/extension/content/server-page-bridge';
import { registerMessageHandlers } from '../src/extension/messaging';
import { readPageQr } from '../src/extension/qr/read-page-qr';

export default defineContentScript({
  // Development servers only; enrolled servers are added at run time with their own
  // host permission (docs/permissions.md).
  matches: ['http://localhost/*'],
  runAt: 'document_idle',
  main: () => {
    registerMessageHandlers({
      readQr: async () => ({ origin: location.origin, viewportWidth: innerWidth, ...(await readPageQr(document)) }),
    });
    void connectServerPage(document, location);
  },
});
