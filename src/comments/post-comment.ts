import type { Db } from '../db/database.js';
import { countRows } from '../db/count-rows.js';
import { lockKeys } from '../db/dialect.js';
import { findArticle, isVisibleToReaders } from '../content/index.js';
import { lookupIpRegion } from '../geo/index.js';
import { countedAddress } from '../lib/counted-address.js';
import { forbidden, invalid, notFound, rateLimited } from '../lib/errors.js';
import { recordLexiconHits, recordRefusedText, type ScreenText } from '../moderation/index.js';
import { hasVisibleText } from '../text/index.js';
import type { Reader } from '../readers/index.js';
import type { SiteSettings } from '../site/index.js';
import { COMMENT_MAX_LENGTH, type CommentView, personLength } from './comment.js';
import { findComment } from './comment-repo.js';

async function countComments(db: Db, column: 'reader_id' | 'ip', value: number | string, since: Date): Promise<number> {
  return countRows(db.selectFrom('comments').where(column, '=', value).where('created_at', '>=', since.toISOString()));
}

async function checkCommentRate(db: Db, limits: CommentPolicy['rateLimits'], readerId: number, address: string, now: Date): Promise<void> {
  const minuteAgo = new Date(now.getTime() - 60_000);
  if (
    (await countComments(db, 'reader_id', readerId, minuteAgo)) >= limits.perReaderPerMinute ||
    (await countComments(db, 'ip', address, minuteAgo)) >= limits.perAddressPerMinute
  ) {
    throw rateLimited('comments.too_fast', { retryAfterSeconds: 60 });
  }
  if ((await countComments(db, 'reader_id', readerId, new Date(now.getTime() - 3_600_000))) >= limits.perReaderPerHour) {
    throw rateLimited('comments.too_fast', { retryAfterSeconds: 3600 });
  }
}

export interface CommentPolicy {
  enabled: boolean;
  moderation: 'pre' | 'post';
  trustAfter: number;
  rateLimits: SiteSettings['commentRateLimits'];
}

/** The comment rules an admin set in the site settings. */
export function commentPolicyFrom(settings: SiteSettings): CommentPolicy {
  return {
    enabled: settings.commentsEnabled,
    moderation: settings.commentModeration,
    trustAfter: settings.commentTrustAfter,
    rateLimits: settings.commentRateLimits,
  };
}

export interface PostCommentInput {
  articleId: number;
  reader: Reader;
  body: string;
  replyTo?: number;
  ip: string;
}

/** A comment held for moderation is an outcome the caller expects, so it is returned, not thrown. */
export type PostCommentOutcome = { kind: 'held' | 'published'; comment: CommentView };

/**
 * Posts a reader's comment. The text is stored as written (after masking)
 * and escaped wherever it is shown. Under 先审后发 it waits for a moderator;
 * under publish-then-review a reader's first N comments still wait, and a
 * lexicon 'hold' always does. The commenter's IP属地 is recorded with it.
 *
 * Throws NotFound for an article readers cannot see, Forbidden for closed
 * comments or a banned reader, Invalid for empty, over-long or rejected text,
 * RateLimited('comments.too_fast') past the policy's limits (per reader, and
 * per address: an IPv6 client's /64), exactly even when posts race.
 */
export async function postComment(
  deps: { db: Db; screen: ScreenText; policy: CommentPolicy },
  input: PostCommentInput,
  now: Date,
): Promise<PostCommentOutcome> {
  // Zero-width characters carry nothing a reader can see, and a comment of nothing visible (fillers, marks alone) is empty.
  const body = input.body.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim();
  if (!hasVisibleText(body)) throw invalid('comments.empty');
  if (personLength(body) > COMMENT_MAX_LENGTH) throw invalid('comments.too_long', { max: COMMENT_MAX_LENGTH });
  if (input.reader.banned) throw forbidden('readers.banned');
  if (!deps.policy.enabled) throw forbidden('comments.closed');
  const screened = deps.screen(body);
  const address = countedAddress(input.ip);
  if (screened.verdict === 'reject') {
    // Refused text adds no comment to count, but a reader past the limit still gets 429, not another lexicon hit.
    await checkCommentRate(deps.db, deps.policy.rateLimits, input.reader.id, address, now);
    if (!(await recordRefusedText(deps.db, screened.hits, { context: 'comment', readerId: input.reader.id, text: body }, now))) {
      throw rateLimited('comments.too_fast', { retryAfterSeconds: 3600 });
    }
    throw invalid('comments.blocked_words', screened.rejectMessage ? { hint: screened.rejectMessage } : undefined);
  }

  const id = await deps.db.transaction().execute(async (trx) => {
    // Count and insert under a lock on this reader and this address: racing posts cannot all see room.
    await lockKeys(trx, [`comments:reader:${input.reader.id}`, `comments:ip:${address}`]);
    await checkCommentRate(trx, deps.policy.rateLimits, input.reader.id, address, now);
    const article = await findArticle(trx, input.articleId);
    if (!article || !isVisibleToReaders(article, now)) throw notFound('content.article_not_found');
    let parentId: number | null = null;
    let replyToReaderId: number | null = null;
    if (input.replyTo !== undefined) {
      const parent = await findComment(trx, input.replyTo);
      if (!parent || parent.articleId !== article.id || parent.status !== 'published') throw notFound('comments.reply_not_found');
      // One level of replies: a reply to a reply joins the same thread, addressed to its author (回复 @昵称).
      parentId = parent.parentId ?? parent.id;
      replyToReaderId = parent.readerId;
    }
    const trusted = deps.policy.moderation === 'post' && input.reader.approvedComments >= deps.policy.trustAfter;
    const status = trusted && screened.verdict !== 'hold' ? 'published' : 'pending';
    const row = await trx
      .insertInto('comments')
      .values({
        article_id: article.id,
        reader_id: input.reader.id,
        parent_id: parentId,
        reply_to_reader_id: replyToReaderId,
        body: screened.masked,
        status,
        flagged: screened.verdict === 'flag' ? 1 : 0,
        ip: address,
        // IP属地 from the full address: the /64 counted above is no place.
        ip_region: lookupIpRegion(input.ip) ?? null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Counts count only what readers can see.
    if (status === 'published') {
      await trx.updateTable('articles').set((eb) => ({ comment_count: eb('comment_count', '+', 1) })).where('id', '=', article.id).execute();
    }
    await recordLexiconHits(trx, screened.hits, { context: 'comment', targetId: row.id, readerId: input.reader.id, text: body }, now);
    return row.id;
  });
  const comment = (await findComment(deps.db, id))!;
  return { kind: comment.status === 'published' ? 'published' : 'held', comment };
}
