import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { lockKeys } from '../db/dialect.js';
import type { LexiconHit } from '../text/index.js';

/** Every lexicon hit is kept for the audit: which entry, where, who, and the words around it. */
export async function recordLexiconHits(
  db: Db,
  hits: readonly LexiconHit[],
  where: { context: 'comment' | 'nickname' | 'article'; targetId?: number; readerId?: number; text: string },
  now: Date,
): Promise<void> {
  if (hits.length === 0) return;
  await db
    .insertInto('lexicon_hits')
    .values(
      hits.map((hit) => ({
        term: hit.term,
        action: hit.action,
        context: where.context,
        target_id: where.targetId === undefined ? null : String(where.targetId),
        reader_id: where.readerId ?? null,
        excerpt: where.text.slice(Math.max(0, hit.start - 20), hit.end + 20),
        created_at: now.toISOString(),
      })),
    )
    .execute();
}

/** Hits of refused text a reader may leave per kind of text in an hour: far more than a person retyping a comment makes. */
export const REFUSED_HITS_PER_READER_PER_HOUR = 50;

/**
 * Keeps the hits of a reader's text the lexicon refused (a comment, a
 * nickname), which is saved nowhere else, up to
 * REFUSED_HITS_PER_READER_PER_HOUR for that kind of text: unbounded, a reader
 * sending refused text in a loop would add rows with every request. Counted
 * and inserted under a lock on the reader, so a parallel burst keeps to it.
 * Returns false, recording nothing, once the reader has reached it.
 */
export async function recordRefusedText(
  db: Db,
  hits: readonly LexiconHit[],
  where: { context: 'comment' | 'nickname'; readerId: number; text: string },
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockKeys(trx, [`refused-text:${where.context}:${where.readerId}`]);
    const recent = await countRows(
      trx
        .selectFrom('lexicon_hits')
        .where('reader_id', '=', where.readerId)
        .where('context', '=', where.context)
        .where('target_id', 'is', null)
        .where('created_at', '>', new Date(now.getTime() - 3_600_000).toISOString()),
    );
    if (recent >= REFUSED_HITS_PER_READER_PER_HOUR) return false;
    await recordLexiconHits(trx, hits.slice(0, REFUSED_HITS_PER_READER_PER_HOUR - recent), where, now);
    return true;
  });
}
