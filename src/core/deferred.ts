/**
 * An object made the first time it is used rather than when its module loads.
 *
 * Why: the background's service worker is stopped after 30 s idle and started again for every
 * event, and each start evaluated every module's top level; zod builds each schema's objects up
 * front, and the shared schemas (messages, server API, push, backups) were most of the worker's
 * start (`npm run bench`: background worker start). A deferred schema costs one Proxy until a
 * message first needs it. The Proxy forwards every operation to the object once made, so callers,
 * zod's composition (`z.extend`, `.shape`, spreading) and its types see the schema itself.
 */
export function deferred<T extends object>(make: () => T): T {
  let made: T | undefined;
  const target = (): T => (made ??= make());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A Proxy may not report a property non-configurable that its own (empty) target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    set: (_, key, value) => Reflect.set(target(), key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
  });
}
