/** What routes are given: configuration, the store, the mail queue, the server key's box and the keys it opens, and the clock. */
import type { ServerConfig } from '../platform/config';
import type { SecretBox } from '../platform/secret-box';
import type { Store } from '../store/store';
import type { MailQueue } from './mail-queue';
import type { OcraKeys } from './ocra-keys';

export interface Deps {
  config: ServerConfig;
  store: Store;
  /** Told when a mail job is written to the outbox (the sender's thread delivers it). */
  mail: MailQueue;
  /** Encryption at rest with the server key. */
  secrets: SecretBox;
  /** The devices' OCRA keys, opened with `secrets` once each (domain/ocra-keys.ts). */
  ocraKeys: OcraKeys;
  now: () => number;
}

/** The options every route plugin is registered with (web/routes/). */
export interface WithDeps {
  deps: Deps;
}
