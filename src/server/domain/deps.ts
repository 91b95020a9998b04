/** What routes are given: configuration, the store, the mailer, background jobs, the server key's box and the clock. */
import type { ServerConfig } from '../platform/config';
import type { Mailer } from '../platform/mailer';
import type { Background } from '../platform/background';
import type { SecretBox } from '../platform/secret-box';
import type { Store } from '../store/store';

export interface Deps {
  config: ServerConfig;
  store: Store;
  mailer: Mailer;
  /** Work after the answer (mails whose sending must not show in the timing). */
  background: Background;
  /** Encryption at rest with the server key. */
  secrets: SecretBox;
  now: () => number;
}

/** The options every route plugin is registered with (web/routes/). */
export interface WithDeps {
  deps: Deps;
}
