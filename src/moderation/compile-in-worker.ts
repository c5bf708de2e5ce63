import { createWorkerPool } from '../lib/worker-pool.js';
import { type CompiledTerms, compileLexicon, type Lexicon, type LexiconEntry, lexiconOf } from '../text/index.js';
import { packedBuffers, packTerms } from './packed-terms.js';

/**
 * Lists up to this long compile on the event loop: in a few milliseconds,
 * less than a worker thread takes to start. The default list has under 200.
 */
const INLINE_ENTRIES = 1_000;

/** The longest compile allowed: the longest list the limits admit (100,000 terms of 50 characters) takes about 10 s. */
const COMPILE_SECONDS = 60;

let pool: ReturnType<typeof createWorkerPool> | undefined;
/** Made on first use: a site with a short list starts no thread. */
const compilePool = () => (pool ??= createWorkerPool(import.meta.url, './lexicon.worker', { timeoutSeconds: COMPILE_SECONDS }));

/**
 * compileLexicon without holding the event loop: a list longer than
 * INLINE_ENTRIES is compiled in a worker thread (20,000 terms took 0.5 to
 * 1.5 s, during which no request was answered). Only the terms and actions go
 * to the thread and only typed arrays come back, both moved rather than copied;
 * the entries themselves stay here, where hits point to them.
 */
export async function compileLexiconOffLoop(entries: readonly LexiconEntry[]): Promise<Lexicon> {
  if (entries.length <= INLINE_ENTRIES) return compileLexicon(entries);
  const task = packTerms(entries);
  const compiled = (await compilePool().run(task, 'compileLexiconTerms', packedBuffers(task))) as CompiledTerms;
  return lexiconOf(entries, compiled);
}
