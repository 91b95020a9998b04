import type { Plugin } from 'vite';

export interface DeferredLibrary {
  file: string;
  global: string;
  exports: Record<string, string>;
  workerOnly?: boolean;
}
export declare const DEFERRED_LIBRARIES: Record<string, DeferredLibrary>;
export declare function deferredModule(umdSource: string, exportsByName: Record<string, string>): string;
export declare function workerModule(url: string, globalName: string, exportsByName: Record<string, string>): string;
export declare function deferredLibraries(options?: {
  serviceWorker?: boolean;
  libraries?: Record<string, DeferredLibrary>;
}): Plugin;
