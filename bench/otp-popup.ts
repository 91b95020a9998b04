/**
 * One-time codes in Chromium with the built extension (docs/otp-accounts.md): what the user
 * waits for — the popup opened → a code shown for each of 200 accounts, worker running and
 * stopped (then the vault key comes back from storage.session), beside the same popup with no
 * account (the section's own cost) and the empty extension's floor (measured in the same run by
 * benchPopupFloor); and "Unlock" pressed → the 200 codes shown (the Argon2id in the extension's
 * own WebAssembly, plus opening every record).
 */
import path from 'node:path';
import { launchChromium } from '../tests/fixtures/chromium';
import { sendFromExtensionPage } from '../tests/fixtures/extension-api';
import { marksOf, popupOpenings, recordMarks, type Openings } from './extension-flows';
import { summarise, type Summary } from './stats';

const UNLOCKS = 10;
const PASSPHRASE = 'a long walk by the sea';
const ACCOUNTS = 200;

export interface OtpPopupFigures {
  empty: Openings;
  full: Openings;
  unlock: Summary;
}

/** 200 accounts of 200 sites, as someone who moved in from another authenticator has. */
const uris = Array.from({ length: ACCOUNTS }, (_, i) => {
  const secret = Buffer.from(`bench secret number ${String(i).padStart(4, '0')}`)
    .toString('base64')
    .replace(/[^A-Z2-7]/gi, 'A')
    .toUpperCase()
    .slice(0, 32);
  return `otpauth://totp/Service%20${i}:user${i}%40example.eu?secret=${secret}&issuer=Service%20${i}`;
});

export async function benchOtpPopup(root: string): Promise<OtpPopupFigures> {
  const browser = await launchChromium(path.join(root, '.output/chrome-mv3'));
  try {
    await browser.context.addInitScript({ content: `var __name = (f) => f; (${recordMarks.toString()})();` });
    const page = await browser.openPopup();
    const send = (type: string, body: unknown) => page.evaluate(sendFromExtensionPage, { sidekey: 1, type, body });
    await send('otpSetUp', { passphrase: PASSPHRASE });
    const empty = await popupOpenings(browser, 'codesEmpty');
    for (let i = 0; i < ACCOUNTS; i += 50)
      await send('otpAddText', { text: uris.slice(i, i + 50).join('\n'), tabId: null });
    const full = await popupOpenings(browser, 'codesShown');

    const unlockTimes: number[] = [];
    for (let i = -1; i < UNLOCKS; i++) {
      await send('otpLock', {});
      const popup = await browser.context.newPage();
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?check=no`);
      await popup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await popup.getByLabel('Passphrase', { exact: true }).press('Enter');
      const marks = await marksOf(popup, 'codesShown');
      await popup.close();
      if (i >= 0) unlockTimes.push(marks.codesShown! - marks.pinGiven!);
    }
    await page.close();
    return { empty, full, unlock: summarise(unlockTimes) };
  } finally {
    await browser.close();
  }
}
