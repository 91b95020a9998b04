/** The popup as a small window of its own: where a notification's click leads (no popup can open from there). */
import { browser } from 'wxt/browser';

export function openPopupWindow(search = ''): Promise<unknown> {
  return browser.windows.create({
    url: browser.runtime.getURL(`/popup.html${search}`),
    type: 'popup',
    width: 380,
    height: 600,
  });
}
