import { createRequire } from 'node:module';

const requirePackage = createRequire(import.meta.url);

/**
 * A package loaded the first time it is asked for, synchronously. A static import loads its
 * package when the process starts — and in the bundled dist/main.js every static import of every
 * module, even of one imported lazily, is hoisted to the start — so packages that most requests
 * never touch (the 繁體 dictionaries, argon2, ip2region, the worker pool) come through this: a
 * start that serves 简体 pages to readers pays for none of them. The package must ship CommonJS.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requirePackage(name) as T);
}
