/** What routes are given: configuration, the store, the mailer and the clock. */
import type { ServerConfig } from '../config';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store/store';

export interface Deps {
  config: ServerConfig;
  store: Store;
  mailer: Mailer;
  now: () => number;
}
