import type { Db } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { toDate } from '../lib/db-values.js';
import type { CommentOrder, CommentStatus, CommentView } from './comment.js';

/** Comments with their authors' nicknames and the nickname they reply to. */
export function commentsWithNames(db: Db) {
  return db
    .selectFrom('comments')
    .innerJoin('readers as author', 'author.id', 'comments.reader_id')
    .leftJoin('readers as replied', 'replied.id', 'comments.reply_to_reader_id')
    .select([
      'comments.id',
      'comments.article_id',
      'comments.parent_id',
      'comments.reader_id',
      'author.nickname as nickname',
      'replied.nickname as reply_to_nickname',
      'comments.body',
      'comments.status',
      'comments.flagged',
      'comments.ip_region',
      'comments.like_count',
      'comments.report_count',
      'comments.created_at',
    ]);
}

type NamedRow = Awaited<ReturnType<ReturnType<typeof commentsWithNames>['execute']>>[number];

export function toCommentView(row: NamedRow): CommentView {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    readerId: row.reader_id,
    nickname: row.nickname,
    replyToNickname: row.reply_to_nickname,
    body: row.body,
    status: row.status as CommentStatus,
    flagged: row.flagged === 1,
    ipRegion: row.ip_region,
    likeCount: row.like_count,
    reportCount: row.report_count,
    createdAt: toDate(row.created_at),
  };
}

/**
 * Whether a reader's nickname is on pages readers see: beside a published
 * comment of theirs, or in a published reply to them (回复 @昵称).
 */
export async function isNamedOnPages(db: Db, readerId: number): Promise<boolean> {
  const named = await db
    .selectFrom('comments')
    .select('id')
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('reader_id', '=', readerId), eb.and([eb('reply_to_reader_id', '=', readerId), eb('parent_id', 'is not', null)])]))
    .limit(1)
    .executeTakeFirst();
  return named !== undefined;
}

export async function findComment(db: Db, id: number): Promise<CommentView | undefined> {
  const row = await commentsWithNames(db).where('comments.id', '=', id).executeTakeFirst();
  return row && toCommentView(row);
}

/**
 * The comments a reader sees under an article: published ones, and the
 * reader's own pending ones (marked 待审核 on the page). Newest first or
 * most liked first.
 */
export async function listArticleComments(
  db: Db,
  articleId: number,
  options: { order: CommentOrder; viewerReaderId?: number; limit: number },
): Promise<CommentView[]> {
  const { order, viewerReaderId, limit } = options;
  const seen = viewerReaderId === undefined ? 'published' : 'with-own-pending';
  // Without a viewer the query has no place for one: 0 is never read.
  const rows = await articleComments(db, { articleId, viewerReaderId: viewerReaderId ?? 0, limit }, `${order} ${seen}`);
  return rows.map(toCommentView);
}

/** An article's comments readers may see, and for a signed-in reader (viewerReaderId) their own still pending. */
const articleComments = preparedQuery(
  (db, values: { articleId: number; viewerReaderId: number; limit: number }, shape: `${CommentOrder} ${'published' | 'with-own-pending'}`) => {
    const [order, seen] = shape.split(' ');
    let q = commentsWithNames(db)
      .where('comments.article_id', '=', values.articleId)
      .where((eb) =>
        seen === 'published'
          ? eb('comments.status', '=', 'published')
          : eb.or([eb('comments.status', '=', 'published'), eb.and([eb('comments.status', '=', 'pending'), eb('comments.reader_id', '=', values.viewerReaderId)])]),
      );
    if (order === 'liked') q = q.orderBy('comments.like_count', 'desc');
    return q.orderBy('comments.id', 'desc').limit(values.limit);
  },
);

/** Whether readers can see this comment: published, under an article that is published and due. */
export async function isCommentVisible(db: Db, id: number, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .select('comments.id')
    .where('comments.id', '=', id)
    .where('comments.status', '=', 'published')
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now.toISOString())
    .executeTakeFirst();
  return row !== undefined;
}
