/** The user's settings, in extension storage (one typed item, versioned). Nothing secret here. */
import { defineStoredItem } from './stored-item';

export interface Settings {
  /** Submit the sign-in form once the code is filled in. */
  autoSubmit: boolean;
}

export const settings = defineStoredItem<Settings>('local:settings', { fallback: { autoSubmit: false }, version: 1 });
