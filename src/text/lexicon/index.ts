export { type CompiledTerms, compileLexicon, compileTerms, type Lexicon, lexiconKey, lexiconOf } from './compile-lexicon.js';
export { loadDefaultLexicon } from './default-lexicon.js';
export { type HitAction, isLexiconAction, LEXICON_ACTIONS, type LexiconAction, type LexiconEntry, MAX_TERM_CHARS } from './lexicon-entry.js';
export { type NormalizedText, normalizeForMatching } from './normalize.js';
export { type LexiconLineError, type LexiconLineProblem, type ParsedLexiconList, readLexiconList } from './parse-lexicon-list.js';
export { type AllowedPhrase, type LexiconHit, maskedText, type ScreenResult, screenText, verdictOf } from './screen-text.js';
export { automatonBuffers } from './term-automaton.js';
