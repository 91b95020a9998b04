/**
 * Storage items (WXT's `storage.defineItem`), each defined the first time it is used.
 *
 * Why: WXT reads an item's value as soon as it is defined (its "init" step), so the background's
 * module-level items meant a `storage.get` round trip each (sixteen) at every start of its service
 * worker, ahead of the message that woke it (`npm run bench`: background worker start). The
 * settings (settings.ts) stay defined at once: the popup reads them too.
 */
import { storage } from 'wxt/utils/storage';
import { deferred } from '../core/deferred';

export const defineStoredItem = ((key: Parameters<typeof storage.defineItem>[0], options?: object) =>
  deferred(() => storage.defineItem(key, options as never))) as typeof storage.defineItem;
