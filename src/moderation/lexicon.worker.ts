import { movedAnswer } from '../lib/worker-pool.js';
import { automatonBuffers, compileTerms } from '../text/index.js';
import { type PackedTerms, unpackTerms } from './packed-terms.js';

/**
 * Runs in a worker thread (see compile-in-worker.ts): compiles a list's terms
 * and moves the automaton's typed arrays back to the caller, uncopied.
 */
export function compileLexiconTerms(task: PackedTerms): unknown {
  const compiled = compileTerms(unpackTerms(task));
  return movedAnswer(compiled, [...automatonBuffers(compiled.automaton), compiled.entryOf.buffer as ArrayBuffer, compiled.wordEdges.buffer as ArrayBuffer]);
}
