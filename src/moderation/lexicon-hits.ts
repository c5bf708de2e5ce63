import type { Db } from '../db/database.js';
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
