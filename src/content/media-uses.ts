import type { Db } from '../db/database.js';
import { recordMediaUses } from '../media/index.js';
import type { Article } from './article.js';

/** Keeps the media library's record of the images an article shows (its lead image and body images) in step with the article. */
export function recordUses(db: Db, article: Pick<Article, 'id' | 'leadImage' | 'bodyHtml'>): Promise<void> {
  return recordMediaUses(db, article.id, { leadImageId: article.leadImage?.mediaId ?? null, bodyHtml: article.bodyHtml });
}
