export type { Article, ArticleCard, ArticleCounts, ArticleOrigin, ArticleStatus, ReprintInfo } from './article.js';
export { isVisibleToReaders, lastModified, MAX_TITLE_CHARS } from './article.js';
export {
  countPublishedArticles,
  findArticle,
  findArticleCounts,
  findNeighbours,
  type ArticleLocation,
  listArticleLocations,
  listPublishedArticles,
  listPublishedArticlesWithBody,
  type PublishedArticleQuery,
  requireVisibleArticle,
} from './article-repo.js';
export { buildCategoryTree, type Category, type CategoryTree, categoryWithChildrenIds, isValidCategorySlug } from './category.js';
export { insertCategory, listCategories, requireCategory } from './category-repo.js';
export { createArticle, type CreateArticleInput } from './create-article.js';
export { checkBodyLimits, MAX_BODY_CHARS, MAX_BODY_TAGS } from './body-limits.js';
export { foldTagName, withoutFoldedDuplicates } from './tag-folding.js';
export { MAX_TAG_CHARS, MAX_TAGS, normalizeTags } from './tags.js';
export { findTag, inStoredSpelling } from './tag-repo.js';
export { listRelatedArticles } from './related-articles.js';
export { listMostReadArticles, type MostReadWindow } from './most-read.js';
export { rankByReads } from './read-ranking.js';
export { type ArticleFields, missingReprintFields, type ReprintWarning, reprintWarnings } from './article-fields.js';
export { createDraft, restoreRevision, updateArticle } from './edit-articles.js';
export type { DiffPart } from './diff-text.js';
export type { DiffRow, RevisionDiff } from './diff-revision.js';
export type { BlockKind } from './body-blocks.js';
export { type ArticleRevision, type ListedRevision, listRevisions, type RevisionChange } from './revisions.js';
export { cleanPasteInWorker, diffRevisionInWorker, readReprintedPageInWorker, SanitizedBody, TEXT_WORK_SECONDS } from './text-work.js';
export type { PageLayout, ReprintedPage } from './reprinted-page.js';
export type { CleanPasteResult, PasteRemovals, RemoteImage } from './clean-pasted-html.js';
export { auditActor, type StaffActor } from './staff-actor.js';
export { listSubmissionEditors } from './submission-editors.js';
export { listArticlesForStaff, type StaffArticleQuery } from './staff-article-list.js';
export { type TransitionInput, type TransitionOutcome, transitionArticle } from './transition-article.js';
export { checkReadVersion, editableStatuses, findTransition, mayUnsubmit, STATUS_NAMES, type Transition, TRANSITIONS, type TransitionName } from './workflow.js';
export { type CategoryInput, createCategory, deleteCategory, updateCategory } from './category-commands.js';
export { type BatchChange, deleteDrafts, MAX_BATCH_ARTICLES, transitionArticles, updateArticles } from './batch-articles.js';
export { updateImageAlt } from './update-image-alt.js';
export { countAwaitingReview, listReviewQueue } from './review-queue.js';
export { deleteSavedFilter, filterQuery, listSavedFilters, MAX_FILTER_NAME, MAX_SAVED_FILTERS, type SavedFilter, saveFilter } from './saved-filters.js';
