import { diffChars } from 'diff';
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

/** Keeps the article's current title and body as a revision. */
export async function recordRevision(
  db: Db,
  article: { id: number; title: string; bodyHtml: string },
  editorId: number | null,
  now: Date,
): Promise<void> {
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

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * What changed between two versions, character by character (Chinese has no
 * spaces between words, so a word diff would mark whole sentences). Markup is
 * compared as text, so a changed link or image shows too.
 */
export function diffText(before: string, after: string): DiffPart[] {
  return diffChars(before, after).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
}
