import { defineContentScript } from 'wxt/utils/define-content-script';
import { fillForSignIn, pageLoginResult, watchLoginQr } from '../src/extension/content/login-watch';
import { noticePushPage } from '../src/extension/content/push-watch';
import { connectServerPage } from '../src/extension/content/server-page-bridge';
import { registerMessageHandlers, sendMessage } from '../src/extension/messaging';
import { scheduleDecoderWarmUp } from '../src/extension/qr/decoder-warm-up';
import { readQrHere } from '../src/extension/qr/read-page-qr';

export default defineContentScript({
  // Development servers only; enrolled servers are added at run time with their own
  // host permission (docs/permissions.md).
  matches: ['http://localhost/*'],
  runAt: 'document_idle',
  // WXT would otherwise post "<extension id>:content:wxt:content-script-started" to the page on
  // every start: pages must not learn the extension's id or that it runs (docs/permissions.md).
  noScriptStartedPostMessage: true,
  main: () => {
    registerMessageHandlers({
      readQr: ({ all }) => readQrHere(window, { all }),
      fillCode: (request) => fillForSignIn(document, request),
    });
    void connectServerPage(document, location);
    scheduleDecoderWarmUp(window);
    noticePushPage(document, () => sendMessage('pushPageSeen', {}));
    watchLoginQr(document, (payload) => void sendMessage('loginQrSeen', { payload }).catch(() => undefined));
    const result = pageLoginResult(document);
    if (result) void sendMessage('loginResult', result).catch(() => undefined);
  },
});
