// Bundled by bench/qr-sign-in.ts: the extension's own code for each step of a QR sign-in.
import { importOcraKey, ocra } from '../src/core/ocra';
import { fillForSignIn } from '../src/extension/content/login-watch';
import { readPageQr } from '../src/extension/qr/read-page-qr';
import { unwrapSecret, wrapSecret, PBKDF2_ITERATIONS } from '../src/extension/vault/pin-wrap';

Object.assign(globalThis, {
  signInBench: { ocra, importOcraKey, fillForSignIn, readPageQr, unwrapSecret, wrapSecret, PBKDF2_ITERATIONS },
});
