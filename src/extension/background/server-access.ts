/**
 * Host access for enrolled servers only (least privilege, no <all_urls>): after
 * enrolment the popup asks for `<origin>/*`; once granted, the content script is
 * registered for that origin so later features can read login codes and see
 * waiting pages there without a click. Kept in step with the vault and the
 * granted permissions at start-up and whenever either changes.
 */
import { browser } from 'wxt/browser';

export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js';
const ID_PREFIX = 'sidekey-server:';

export const originPattern = (origin: string) => `${origin}/*`;

export interface ScriptRegistry {
  registered(): Promise<string[]>;
  register(origin: string): Promise<void>;
  unregister(origin: string): Promise<void>;
  granted(origin: string): Promise<boolean>;
}

/** Registers the content script for every enrolled origin the user granted, and only those. */
export async function syncServerScripts(
  enrolledOrigins: readonly string[],
  registry: ScriptRegistry,
): Promise<{ added: string[]; removed: string[] }> {
  const wanted: string[] = [];
  for (const origin of new Set(enrolledOrigins)) if (await registry.granted(origin)) wanted.push(origin);
  const current = await registry.registered();
  const added = wanted.filter((o) => !current.includes(o));
  const removed = current.filter((o) => !wanted.includes(o));
  for (const origin of removed) await registry.unregister(origin);
  for (const origin of added) await registry.register(origin);
  return { added, removed };
}

/**
 * A registry over the real scripting and permissions APIs: one registered script per key (an
 * enrolled server's origin; a one-time-code account's site), matching that key's patterns.
 */
export function browserScriptRegistry({
  idPrefix,
  file,
  patterns,
}: {
  idPrefix: string;
  file: string;
  patterns: (key: string) => string[];
}): ScriptRegistry {
  return {
    async registered() {
      const scripts = await browser.scripting.getRegisteredContentScripts();
      return scripts.filter((s) => s.id.startsWith(idPrefix)).map((s) => s.id.slice(idPrefix.length));
    },
    async register(key) {
      await browser.scripting.registerContentScripts([
        { id: idPrefix + key, matches: patterns(key), js: [file], runAt: 'document_idle', persistAcrossSessions: true },
      ]);
    },
    async unregister(key) {
      await browser.scripting.unregisterContentScripts({ ids: [idPrefix + key] });
    },
    granted: (key) => browser.permissions.contains({ origins: patterns(key) }),
  };
}

const serverScriptRegistry = browserScriptRegistry({
  idPrefix: ID_PREFIX,
  file: CONTENT_SCRIPT_FILE,
  patterns: (origin) => [originPattern(origin)],
});

/** Keeps the content scripts in step with the vault's origins and the user's grants; returns the sync to call after changes. */
export function startServerAccessSync(
  enrolledOrigins: () => Promise<string[]>,
  registry: ScriptRegistry = serverScriptRegistry,
) {
  const sync = async () => syncServerScripts(await enrolledOrigins(), registry);
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  void sync();
  return sync;
}
