/**
 * The server's layers, lowest first (docs/architecture.md). A file may import
 * from its own layer and the ones below it, never from above; route files do
 * not import each other (what they share lives in web/flows); nothing below
 * web/ knows Fastify. Type-only imports count: a type is a dependency too.
 */
export const SERVER_LAYERS = [
  'platform',
  'i18n',
  'store',
  'domain',
  'web/views',
  'web/plugins',
  'web/flows',
  'web/routes',
  'root',
] as const;
export type ServerLayer = (typeof SERVER_LAYERS)[number];

const SERVER = 'src/server/';

/** The layer of a file under src/server/, or undefined for files elsewhere. */
export function layerOf(file: string): ServerLayer | undefined {
  if (!file.startsWith(SERVER)) return undefined;
  const rest = file.slice(SERVER.length);
  if (!rest.includes('/')) return 'root';
  const [top, sub] = rest.split('/');
  const layer = top === 'web' ? `web/${sub}` : top;
  return (SERVER_LAYERS as readonly string[]).includes(layer!) ? (layer as ServerLayer) : undefined;
}

const rank = (layer: ServerLayer) => SERVER_LAYERS.indexOf(layer);

/**
 * What is wrong with `file` importing `target` (a repository path for a relative import, or a
 * package name); undefined when the import is allowed.
 */
export function layerViolation(file: string, target: string): string | undefined {
  const from = layerOf(file);
  if (!from) return file.startsWith(SERVER) ? `${file} is in no layer` : undefined;
  if (!target.startsWith('src/')) {
    const web = /^(fastify|@fastify\/)/.test(target);
    return web && rank(from) < rank('web/views') ? `${from} may not import ${target} (HTTP is web/'s)` : undefined;
  }
  if (target.startsWith('src/core/')) return undefined;
  if (!target.startsWith(SERVER)) return `${file} imports ${target}, outside the server and core`;
  const to = layerOf(target);
  if (!to) return `${target} is in no layer`;
  if (rank(to) > rank(from)) return `${from} may not import from ${to} (${file} → ${target})`;
  if (from === 'web/routes' && to === 'web/routes' && file !== target)
    return `route files do not import each other (${file} → ${target}); share through web/flows`;
  return undefined;
}
