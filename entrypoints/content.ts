import { defineContentScript } from 'wxt/utils/define-content-script';
import { connectServerPage } from '../src/extension/content/server-page-bridge';

export default defineContentScript({
  // Development servers only; enrolled servers are added at run time with their own
  // host permission (docs/permissions.md).
  matches: ['http://localhost/*'],
  runAt: 'document_idle',
  main: () => connectServerPage(document, location),
});
