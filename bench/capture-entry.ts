// Bundled by bench/capture.ts into the extension's service worker: the background's capture path
// (background/tab-qr.ts) with its capture options, unchanged; beside it on the same page, the
// same path with a PNG capture (what it did before), and the usual whole-frame jsQR on that PNG.
import jsQR from 'jsqr';
import { CAPTURE_OPTIONS, decodeCapture } from '../src/extension/qr/decode-capture';

interface CaptureApi {
  tabs: {
    query(q: object): Promise<{ windowId: number; width?: number }[]>;
    captureVisibleTab(windowId: number, options: { format: 'png' | 'jpeg'; quality?: number }): Promise<string>;
  };
}
const chromeApi = (globalThis as unknown as { chrome: CaptureApi }).chrome;

async function bitmapOf(dataUrl: string): Promise<ImageBitmap> {
  return createImageBitmap(await (await fetch(dataUrl)).blob());
}

/** Capture, then decode and read as tab-qr.ts does; each step timed. */
async function captureAndRead(
  windowId: number,
  viewportWidth: number,
  options: { format: 'png' | 'jpeg'; quality?: number },
) {
  const t0 = performance.now();
  const dataUrl = await chromeApi.tabs.captureVisibleTab(windowId, options);
  const t1 = performance.now();
  const bitmap = await bitmapOf(dataUrl);
  const code = decodeCapture(bitmap, { captureWidth: bitmap.width, captureHeight: bitmap.height, viewportWidth }, []);
  bitmap.close();
  return { dataUrl, code, captureMs: t1 - t0, decodeMs: performance.now() - t1 };
}

async function captureAndDecode() {
  const [tab] = await chromeApi.tabs.query({ active: true, lastFocusedWindow: true });
  const ours = await captureAndRead(tab!.windowId, tab!.width!, CAPTURE_OPTIONS);
  // Chrome allows two captures a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND).
  await new Promise((resolve) => setTimeout(resolve, 600));
  const png = await captureAndRead(tab!.windowId, tab!.width!, { format: 'png' });
  const t0 = performance.now();
  const whole = await bitmapOf(png.dataUrl);
  const canvas = new OffscreenCanvas(whole.width, whole.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(whole, 0, 0);
  const baseline = jsQR(context.getImageData(0, 0, whole.width, whole.height).data, whole.width, whole.height);
  whole.close();
  const jsQrMs = performance.now() - t0;
  return {
    code: ours.code,
    captureMs: ours.captureMs,
    decodeMs: ours.decodeMs,
    pngCode: png.code,
    pngCaptureMs: png.captureMs,
    pngDecodeMs: png.decodeMs,
    baseline: baseline?.data ?? null,
    baselineMs: jsQrMs,
  };
}

Object.assign(globalThis, { captureBench: { captureAndDecode } });
