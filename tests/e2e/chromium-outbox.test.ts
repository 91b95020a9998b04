/**
 * The development outbox as a newcomer meets it after `npm start` (no SMTP
 * server): create an account, open the outbox, open the mail, click its link,
 * and land on the New password page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type ChromiumWithExtension } from '../fixtures/chromium';
import { startServer, type RunningServer } from '../fixtures/server';

describe('Chromium: the development outbox', () => {
  let server: RunningServer;
  let browser: ChromiumWithExtension;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidekey-e2e-outbox-'));
    server = await startServer({ DATA_DIR: dataDir, CAPTCHA_TEST_MODE: '1' });
    browser = await launchChromium(inject('chromeExtensionDir'));
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the mail decoded, and clicking its link opens the New password page', async () => {
    const email = "o'neil.long-address+eu-login@example.eu";
    await page.goto(`${server.url}/cas/register`);
    await page.getByLabel('First name').fill('Aoife');
    await page.getByLabel('Last name').fill("O'Neil");
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByLabel('Confirm e-mail').fill(email);
    const answer = await page.locator('#captcha-image').getAttribute('data-test-answer');
    await page.getByLabel('Enter the code').fill(answer!);
    await page.getByLabel(/By checking this box/).check();
    await page.getByRole('button', { name: 'Create an account' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('An e-mail has been sent');

    await page.goto(`${server.url}/dev/outbox`);
    await page.getByRole('link', { name: 'Your EU Login account: create your password' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your EU Login account: create your password');
    expect(await page.locator('main').textContent()).toContain(email);
    expect(await page.getByTestId('mail-text').textContent()).not.toContain('=3D');
    await page.getByRole('link', { name: /\/cas\/password\/new\?token=/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('New password');
  });
});
