export { bodyText } from './body-text.js';
export { hasVisibleText, INVISIBLE_IN_NAMES } from './visible-text.js';
export { hasTraditionalCharacters, KEEP_SCRIPT_END, KEEP_SCRIPT_START, type Script, toSimplified, toTraditional } from './chinese-script.js';
export {
  type AllowedPhrase,
  automatonBuffers,
  type CompiledTerms,
  compileLexicon,
  compileTerms,
  type HitAction,
  isLexiconAction,
  LEXICON_ACTIONS,
  type Lexicon,
  type LexiconAction,
  type LexiconEntry,
  type LexiconHit,
  lexiconKey,
  lexiconOf,
  type LexiconLineError,
  type LexiconLineProblem,
  loadDefaultLexicon,
  maskedText,
  MAX_TERM_CHARS,
  normalizeForMatching,
  parseLexiconList,
  type ScreenResult,
  screenText,
  verdictOf,
} from './lexicon/index.js';
