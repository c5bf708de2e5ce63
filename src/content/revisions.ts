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

/** What a revision changed against the one before it; the first holds the article as created. */
export type RevisionChange = 'created' | 'title' | 'body' | 'title_body';

export interface ListedRevision extends ArticleRevision {
  /** The editor's display name; null for revisions by the system or a deleted account. */
  editorName: string | null;
  change: RevisionChange;
}

/** Newest first, each with its editor's name and what it changed. */
export async function listRevisions(db: Db, articleId: number): Promise<ListedRevision[]> {
  const rows = await db
    .selectFrom('article_revisions')
    .leftJoin('users', 'users.id', 'article_revisions.editor_id')
    .selectAll('article_revisions')
    .select('users.display_name')
    .where('article_id', '=', articleId)
    .orderBy('article_revisions.id', 'desc')
    .execute();
  return rows.map((r, i) => {
    const older = rows[i + 1];
    const [title, body] = [older && older.title !== r.title, older && older.body_html !== r.body_html];
    return {
      id: r.id,
      articleId: r.article_id,
      title: r.title,
      bodyHtml: r.body_html,
      editorId: r.editor_id,
      editorName: r.display_name,
      createdAt: toDate(r.created_at),
      change: !older ? 'created' : title && body ? 'title_body' : title ? 'title' : 'body',
    };
  });
}
