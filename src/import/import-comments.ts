import type { Db } from '../db/database.js';
import { lookupIpRegion } from '../geo/index.js';
import { recordLexiconHits, type ScreenText } from '../moderation/index.js';
import { recordMapped } from './import-map.js';
import { importCommenter } from './import-people.js';
import { gmtDate, plainText } from './wxr-values.js';
import type { WxrComment } from './wxr-records.js';

/**
 * A post's comments, in the post's transaction. Approved ones are
 * published, waiting ones wait for a moderator, spam and trash are left out,
 * as are pingbacks and trackbacks (notices from other blogs, not readers'
 * words). The lexicon screens each as it would a reader's comment.
 *
 * bendi threads one level deep: a reply to a reply joins the thread of its
 * top comment, addressed to the author it answered (回复 @昵称), as a reply
 * posted on bendi would be.
 */
export async function importComments(
  trx: Db,
  context: { source: string; screen: ScreenText; now: Date; articleId: number },
  comments: readonly WxrComment[],
): Promise<{ imported: number; notes: string[] }> {
  const { source, screen, now, articleId } = context;
  const made = new Map<string, { id: number; readerId: number; threadId: number }>();
  const left = { spam: 0, trash: 0, pings: 0, blocked: 0, empty: 0 };
  let published = 0;
  for (const comment of comments) {
    if (comment.type === 'pingback' || comment.type === 'trackback') left.pings++;
    else if (comment.approved === 'spam') left.spam++;
    else if (comment.approved === 'trash') left.trash++;
    else {
      const body = plainText(comment.content);
      const screened = screen(body);
      if (!body) left.empty++;
      else if (screened.verdict === 'reject') left.blocked++;
      else {
        const readerId = await importCommenter(trx, source, comment, now);
        const parent = made.get(comment.parent);
        const status = comment.approved === '1' && screened.verdict !== 'hold' ? 'published' : 'pending';
        const row = await trx
          .insertInto('comments')
          .values({
            article_id: articleId,
            reader_id: readerId,
            parent_id: parent ? parent.threadId : null,
            reply_to_reader_id: parent ? parent.readerId : null,
            body: screened.masked,
            status,
            flagged: screened.verdict === 'flag' ? 1 : 0,
            ip: comment.authorIp,
            ip_region: lookupIpRegion(comment.authorIp) ?? null,
            created_at: (gmtDate(comment.dateGmt) ?? now).toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        made.set(comment.id, { id: row.id, readerId, threadId: parent ? parent.threadId : row.id });
        await recordMapped(trx, source, 'comment', comment.id, row.id, now);
        await recordLexiconHits(trx, screened.hits, { context: 'comment', targetId: row.id, readerId, text: body }, now);
        if (status === 'published') published++;
      }
    }
  }
  // Counts count only what readers can see.
  if (published > 0) await trx.updateTable('articles').set((eb) => ({ comment_count: eb('comment_count', '+', published) })).where('id', '=', articleId).execute();
  const notes = [
    left.spam && `${left.spam} 条垃圾评论未导入`,
    left.trash && `${left.trash} 条回收站里的评论未导入`,
    left.pings && `${left.pings} 条 pingback / trackback 未导入`,
    left.blocked && `${left.blocked} 条评论含有禁用词，未导入`,
    left.empty && `${left.empty} 条空评论未导入`,
  ].filter((note): note is string => typeof note === 'string');
  return { imported: made.size, notes };
}
