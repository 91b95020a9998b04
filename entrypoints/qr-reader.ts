import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readQrHere } from '../src/extension/qr/read-page-qr';

// The one-shot QR reader (docs/permissions.md): injected on the user's click into a page where no
// content script of ours runs (a site's setup page, a server not enrolled yet), it reads the page's
// codes and ends. Its answer is executeScript's result: no listener, observer or timer stays behind.
export default defineUnlistedScript(() => readQrHere(window, { all: true }));
