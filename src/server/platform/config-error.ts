/** A setting that stops start-up: its message is the one line printed, naming the setting. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
