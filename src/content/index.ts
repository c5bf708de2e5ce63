export type { Article, ArticleCard, ArticleCounts, ArticleOrigin, ArticleStatus, ReprintInfo } from './article.js';
export { isVisibleToReaders } from './article.js';
export {
  countPublishedArticles,
  findArticle,
  findNeighbours,
  listPublishedArticles,
  type PublishedArticleQuery,
} from './article-repo.js';
export { buildCategoryTree, type Category, type CategoryTree, categoryWithChildrenIds, isValidCategorySlug } from './category.js';
export { insertCategory, listCategories } from './category-repo.js';
export { createArticle, type CreateArticleInput } from './create-article.js';
export { sanitizeArticleBody } from './sanitize-body.js';
