/**
 * The extension's folders as layers (docs/architecture.md). Three contexts run apart — the
 * background (the service worker), the content scripts beside web pages, the popup's UI — and
 * none imports another's code: what two of them share lives in a library folder or at the top of
 * src/extension (messaging, settings). Library folders import no context. A feature folder
 * (`otp/`) is a library at its root, and its `background/`, `content/` and `ui/` folders belong to
 * those contexts.
 */
const CONTEXTS = ['background', 'content', 'ui'] as const;
const LIBRARIES = ['i18n', 'qr', 'vault', 'otp', 'fill'] as const;
const FEATURES = ['otp'] as const;

const EXTENSION = 'src/extension/';

/** The layer of a file under src/extension/ ('top' for the files directly in it), or undefined elsewhere. */
export function extensionFolderOf(file: string): string | undefined {
  if (!file.startsWith(EXTENSION)) return undefined;
  const parts = file.slice(EXTENSION.length).split('/');
  if (parts.length === 1) return 'top';
  const [folder, inner] = parts as [string, string];
  const isFeature = (FEATURES as readonly string[]).includes(folder);
  if (isFeature && parts.length > 2 && (CONTEXTS as readonly string[]).includes(inner)) return inner;
  return folder;
}

/** What is wrong with `file` importing `target` (a repository path or a package name); undefined when allowed. */
export function extensionViolation(file: string, target: string): string | undefined {
  const from = extensionFolderOf(file);
  if (!from) return undefined;
  if (target.startsWith('src/server/')) return `${file} imports server code (${target})`;
  if (/^node:/.test(target)) return `${file} imports Node (${target})`;
  const to = extensionFolderOf(target);
  if (!to || to === from) return undefined;
  if (!(CONTEXTS as readonly string[]).includes(to) && !(LIBRARIES as readonly string[]).includes(to)) {
    return to === 'top' ? undefined : `${target} is in no known folder of the extension`;
  }
  if ((CONTEXTS as readonly string[]).includes(to))
    return `${from} may not import from the ${to} context (${file} → ${target}); share through a library folder`;
  return undefined;
}
