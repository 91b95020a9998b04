// Bundled by bench/qr-read.ts for the benchmark pages: the extension's own QR code, unchanged.
import { decodeCapture } from '../src/extension/qr/decode-capture';
import { warmUpDecoder } from '../src/extension/qr/decoder-warm-up';
import { decodeGeneral, readPageQr } from '../src/extension/qr/read-page-qr';

Object.assign(globalThis, { sidekeyBench: { readPageQr, decodeCapture, decodeGeneral, warmUpDecoder } });
