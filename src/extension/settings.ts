/**
 * The user's settings, in extension storage (one typed item, versioned). Nothing secret here.
 * Defined at once, not on first use like the background's other items (stored-item.ts): the popup
 * reads it, and the deferral would cost the popup a module of its own to fetch; in the background
 * it is one read at a start.
 */
import { storage } from 'wxt/utils/storage';

export interface Settings {
  /** Submit the sign-in form once the code is filled in. */
  autoSubmit: boolean;
}

export const settings = storage.defineItem<Settings>('local:settings', { fallback: { autoSubmit: false }, version: 1 });
