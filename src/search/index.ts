export { MAX_RANKED } from './full-text.js';
export type { TextPart } from './highlight.js';
export { syncArticleSearch } from './index-article.js';
export { indexMissingArticles, reindexArticlesContaining, searchReindexSettled } from './reindex.js';
export { MAX_QUERY_CHARS, type SearchHit, type SearchInput, type SearchResult, searchArticles } from './search-articles.js';
export { addSearchWords, deleteSearchWord, listSearchWords, type SearchWord } from './search-words.js';
export { segmentForIndex, segmentQuery } from './segmenter.js';
export { suggestTags } from './suggest-tags.js';
