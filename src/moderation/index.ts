export { recordLexiconHits, recordRefusedText, REFUSED_HITS_PER_READER_PER_HOUR } from './lexicon-hits.js';
export { importLexiconList } from './import-lexicon.js';
export { LexiconService } from './lexicon-service.js';
export { countLexiconEntries, deleteLexiconEntry, listLexiconPage, MAX_LEXICON_ENTRIES, saveLexiconEntries } from './lexicon-store.js';
export type { ScreenText } from './screen.js';
export { screenArticle } from './screen-article.js';
export { screenInPieces } from './screen-in-pieces.js';
