/**
 * The automatic backup (docs/otp-accounts.md §6) in Chromium with the built extension and a real
 * WebDAV server (Apache mod_dav), what the user waits for: an account renamed (its answer back in
 * the page) → the backup confirmed on the server (the file there changed: the 2-second debounce
 * included), and "Back up now" → confirmed (the sync itself: read, merge, write, read back); and
 * the popup opened → codes of 200 accounts shown with backups on (downloads folder and WebDAV)
 * beside the same popup with them off, in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../tests/fixtures/chromium';
import { sendFromExtensionPage } from '../tests/fixtures/extension-api';
import { startWebDav } from '../tests/fixtures/webdav';
import { popupOpenings, recordMarks, type Openings } from './extension-flows';
import { summarise, type Summary } from './stats';

const RUNS = 10;
const ACCOUNTS = 200;
const PASSPHRASE = 'a long walk by the sea';

export interface OtpBackupFigures {
  changeToServer: Summary;
  backUpNow: Summary;
  /** Backups off, measured before and again after the "on" openings (the machine's drift shows). */
  popupOff: Openings;
  popupOffAfter: Openings;
  popupOn: Openings;
}

const uris = Array.from(
  { length: ACCOUNTS },
  (_, i) =>
    `otpauth://totp/Service%20${i}:user${i}%40example.eu?secret=JBSWY3DPEHPK${i.toString(2).padStart(20, '0').replace(/0/g, 'A').replace(/1/g, 'B')}&issuer=Service%20${i}`,
);

/** Resolves when the server's file is no longer `before` (polled every 2 ms), with the time. */
async function changedOnServer(file: string, before: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (now !== before && now.endsWith('\n')) return performance.now();
    if (Date.now() > deadline) throw new Error('the backup never reached the server');
    await new Promise((r) => setTimeout(r, 2));
  }
}

export async function benchOtpBackup(root: string): Promise<OtpBackupFigures> {
  const dav = await startWebDav();
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-bench-downloads-'));
  const browser = await launchChromium(path.join(root, '.output/chrome-mv3'), { downloads });
  try {
    await browser.context.addInitScript({ content: `var __name = (f) => f; (${recordMarks.toString()})();` });
    const page = await browser.openPopup();
    const send = async (type: string, body: unknown) => {
      const reply = (await page.evaluate(sendFromExtensionPage, { sidekey: 1, type, body })) as {
        ok: boolean;
        value?: unknown;
        error?: string;
      };
      if (!reply.ok) throw new Error(`${type}: ${reply.error}`);
      return reply.value;
    };
    await send('otpSetUp', { passphrase: PASSPHRASE });
    for (let i = 0; i < ACCOUNTS; i += 50)
      await send('otpAddText', { text: uris.slice(i, i + 50).join('\n'), tabId: null });
    await send('otpBackupFolder', { on: false, keep: 10 });
    const popupOff = await popupOpenings(browser, 'codesShown');
    await send('otpBackupFolder', { on: true, keep: 10 });
    await send('otpBackupDavSet', { url: dav.folderUrl, user: dav.user, password: dav.password });
    const popupOn = await popupOpenings(browser, 'codesShown');
    await send('otpBackupDavOff', {});
    await send('otpBackupFolder', { on: false, keep: 10 });
    const popupOffAfter = await popupOpenings(browser, 'codesShown');
    await send('otpBackupFolder', { on: true, keep: 10 });
    await send('otpBackupDavSet', { url: dav.folderUrl, user: dav.user, password: dav.password });

    const file = path.join(dav.dir, 'sidekey-codes.json');
    const { accounts } = (await send('otpList', { tabId: null })) as { accounts: { id: string }[] };
    const changeTimes: number[] = [];
    const nowTimes: number[] = [];
    for (let i = -1; i < RUNS; i++) {
      // Apache's ETag is weak for a second after a write: spaced as a person's edits are.
      await new Promise((r) => setTimeout(r, 1200));
      let before = fs.readFileSync(file, 'utf8');
      const start = performance.now();
      await send('otpUpdate', { id: accounts[0]!.id, issuer: `Renamed ${i}` });
      const changed = await changedOnServer(file, before);
      if (i >= 0) changeTimes.push(changed - start);
      await new Promise((r) => setTimeout(r, 1200));
      await send('otpUpdate', { id: accounts[1]!.id, issuer: `Renamed ${i}` });
      before = fs.readFileSync(file, 'utf8');
      const pressed = performance.now();
      await send('otpBackupNow', {});
      const confirmed = await changedOnServer(file, before);
      if (i >= 0) nowTimes.push(confirmed - pressed);
      // The debounced backup of that change must not land in the next measurement.
      await new Promise((r) => setTimeout(r, 2500));
    }
    await page.close();
    return {
      changeToServer: summarise(changeTimes),
      backUpNow: summarise(nowTimes),
      popupOff,
      popupOffAfter,
      popupOn,
    };
  } finally {
    await browser.close();
    await dav.close();
    fs.rmSync(downloads, { recursive: true, force: true });
  }
}
