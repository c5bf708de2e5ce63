import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';

export interface ArticleRevision {
  id: number;
  articleId: number;
  title: string;
  bodyHtml: string;
  editorId: number | null;
  createdAt: Date;
}

/** Edits by one person this close together are one revision: autosave would otherwise add one every few seconds. */
export const REVISION_MERGE_MINUTES = 10;

/**
 * Keeps the article's current title and body as a revision. With `merge`,
 * a newer revision by the same editor within REVISION_MERGE_MINUTES is
 * updated instead, unless it is the article's first (the original is kept).
 */
export async function recordRevision(
  db: Db,
  article: { id: number; title: string; bodyHtml: string },
  editorId: number | null,
  now: Date,
  options: { merge?: boolean } = {},
): Promise<void> {
  if (options.merge && editorId !== null) {
    const recent = await db
      .selectFrom('article_revisions')
      .select(['id', 'editor_id', 'created_at'])
      .where('article_id', '=', article.id)
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    const [latest, earlier] = recent;
    const mergeable = latest && earlier && latest.editor_id === editorId && now.getTime() - toDate(latest.created_at).getTime() < REVISION_MERGE_MINUTES * 60_000;
    if (mergeable) {
      await db.updateTable('article_revisions').set({ title: article.title, body_html: article.bodyHtml, created_at: now.toISOString() }).where('id', '=', latest.id).execute();
      return;
    }
  }
  await db
    .insertInto('article_revisions')
    .values({ article_id: article.id, title: article.title, body_html: article.bodyHtml, editor_id: editorId, created_at: now.toISOString() })
    .execute();
}

/** Newest first. */
export async function listRevisions(db: Db, articleId: number): Promise<ArticleRevision[]> {
  const rows = await db.selectFrom('article_revisions').selectAll().where('article_id', '=', articleId).orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    title: r.title,
    bodyHtml: r.body_html,
    editorId: r.editor_id,
    createdAt: toDate(r.created_at),
  }));
}
