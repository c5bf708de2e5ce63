import { sql } from 'kysely';
import { isCommentVisible } from '../comments/index.js';
import { requireVisibleArticle } from '../content/index.js';
import type { Db } from '../db/database.js';
import { forbidden, notFound } from '../lib/errors.js';
import type { Reader } from '../readers/index.js';
import type { CounterBuffer } from './counter-buffer.js';

/** What can be liked: the table of likes, its key column, and the table whose like_count it moves. */
const TARGETS = {
  article: { likes: 'article_likes', key: 'article_id', counted: 'articles' },
  comment: { likes: 'comment_likes', key: 'comment_id', counted: 'comments' },
} as const;
export type LikeTarget = keyof typeof TARGETS;

export interface LikeInput {
  target: LikeTarget;
  id: number;
  reader: Pick<Reader, 'id' | 'banned'>;
  /** True to like, false to take the like back. */
  liked: boolean;
}

export interface LikeState {
  likes: number;
  liked: boolean;
}

/**
 * A reader likes an article or a comment, or takes the like back: one like
 * per reader and item. The like row and the counter change in one
 * transaction, and the counter moves only when a row was really added or
 * removed, so 200 readers pressing at once leave exactly 200. With several
 * instances (`buffer`) only the row is written here and the counter is set
 * from the rows by the next flush, so a popular item's row is not written
 * once per reader. Returns the count after the change.
 *
 * Throws Forbidden for a banned reader, NotFound for what readers cannot see.
 */
export async function setLike(db: Db, input: LikeInput, now: Date, buffer?: CounterBuffer): Promise<LikeState> {
  if (input.reader.banned) throw forbidden('readers.banned');
  await requireVisible(db, input.target, input.id, now);
  const { id, liked } = input;
  const readerId = input.reader.id;
  const t = TARGETS[input.target];
  const changeRow = (trx: Db) =>
    liked
      ? sql`insert into ${sql.table(t.likes)} (${sql.ref(t.key)}, reader_id, created_at) values (${id}, ${readerId}, ${now.toISOString()}) on conflict do nothing`.execute(trx)
      : sql`delete from ${sql.table(t.likes)} where ${sql.ref(t.key)} = ${id} and reader_id = ${readerId}`.execute(trx);
  if (buffer) {
    // Marked before the row changes, so an instance that dies right after writing it leaves the mark behind.
    await buffer.likesChanged(input.target, id);
    await changeRow(db);
    // Marked again after, so the counter does not rely on this write finishing before the next flush; the first mark covers a failure here.
    await buffer.likesChanged(input.target, id).catch(() => undefined);
    const row = await sql<{ likes: number | string }>`select count(*) as likes from ${sql.table(t.likes)} where ${sql.ref(t.key)} = ${id}`.execute(db);
    return { likes: Number(row.rows[0]?.likes ?? 0), liked };
  }
  return db.transaction().execute(async (trx) => {
    const changed = await changeRow(trx);
    if (Number(changed.numAffectedRows ?? 0) === 1) {
      await sql`update ${sql.table(t.counted)} set like_count = like_count + ${liked ? 1 : -1} where id = ${id}`.execute(trx);
    }
    const row = await sql<{ like_count: number }>`select like_count from ${sql.table(t.counted)} where id = ${id}`.execute(trx);
    return { likes: Number(row.rows[0]?.like_count ?? 0), liked };
  });
}

async function requireVisible(db: Db, target: LikeTarget, id: number, now: Date): Promise<void> {
  if (target === 'article') await requireVisibleArticle(db, id, now);
  else if (!(await isCommentVisible(db, id, now))) throw notFound('comments.not_found');
}

export async function hasLiked(db: Db, articleId: number, readerId: number): Promise<boolean> {
  const row = await db.selectFrom('article_likes').select('reader_id').where('article_id', '=', articleId).where('reader_id', '=', readerId).executeTakeFirst();
  return row !== undefined;
}
