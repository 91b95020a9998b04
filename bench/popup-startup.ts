/**
 * The popup's start-up in real Chromium with the built extension: from the
 * navigation to popup.html (what a click on the toolbar button starts) to a
 * PIN field that has focus and accepts input, with a sign-in waiting for its
 * PIN (the QR method, after a real enrolment against the reference server).
 * The browser's own window creation is not included.
 */
import path from 'node:path';
import { launchChromium } from '../tests/fixtures/chromium';
import { enrolExtension, passwordSteps } from '../tests/fixtures/chromium-flows';
import { startServer } from '../tests/fixtures/server';
import { seedUser } from '../tests/fixtures/users';
import { waitUntil } from '../tests/fixtures/wait';
import { summarise, type Summary } from './stats';

const RUNS = 30;
const PASSWORD = 'Popup bench 2026';

export async function benchPopupStartup(root: string): Promise<Summary> {
  const server = await startServer();
  const browser = await launchChromium(path.join(root, '.output/chrome-mv3'));
  const times: number[] = [];
  try {
    const user = await seedUser(server.store, PASSWORD, 'popup-bench@example.eu');
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/cas/login`);
    await passwordSteps(page, user.email, PASSWORD);
    await enrolExtension(browser, page, server, '5791');
    await page.goto(`${server.url}/cas/logout`);
    await page.goto(`${server.url}/cas/login`);
    await passwordSteps(page, user.email, PASSWORD, 'EU Login Mobile App QR Code');
    const url = `chrome-extension://${browser.extensionId}/popup.html?check=no`;
    const popup = await browser.context.newPage();
    // The moment the PIN field takes focus, in the page's own clock (from its navigation start).
    await popup.addInitScript(() => {
      document.addEventListener(
        'focusin',
        (event) => {
          if ((event.target as HTMLElement).id === 'pin')
            (globalThis as { pinReadyAt?: number }).pinReadyAt ??= performance.now();
        },
        true,
      );
    });
    // The content script reports the QR; from then on the popup opens on the PIN prompt.
    await waitUntil(
      async () => {
        await popup.goto(url);
        return popup.locator('#pin').count();
      },
      (n) => n === 1,
      'a sign-in waiting for the PIN',
    );
    for (let i = -3; i < RUNS; i++) {
      await popup.goto('about:blank');
      await popup.goto(url, { waitUntil: 'commit' });
      const ready = await popup.waitForFunction(() => (globalThis as { pinReadyAt?: number }).pinReadyAt ?? 0);
      if (i >= 0) times.push((await ready.jsonValue()) as number);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return summarise(times);
}
