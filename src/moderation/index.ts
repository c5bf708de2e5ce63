export { LexiconService } from './lexicon-service.js';
export { deleteLexiconEntry, listLexiconEntries, saveLexiconEntries } from './lexicon-store.js';
