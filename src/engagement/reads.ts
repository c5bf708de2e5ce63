import { createHash } from 'node:crypto';
import { type ArticleCounts, findArticleCounts, requireVisibleArticle } from '../content/index.js';
import type { Db } from '../db/database.js';
import { lockKeys } from '../db/dialect.js';
import { countedAddress } from '../lib/counted-address.js';
import { extended } from '../lib/extended.js';
import { addReads } from './add-reads.js';
import type { CounterBuffer } from './counter-buffer.js';

/** One read per visitor and article every 30 minutes: reloading a page is not reading it again. */
export const READ_WINDOW_MINUTES = 30;

// Search engines and scripts fetch pages without reading them; the rules forbid counting faked traffic.
const CRAWLER = /bot|spider|crawl|slurp|archiver|fetch|monitor|curl|wget|python|java\/|go-http|headless|lighthouse|preview|facebookexternalhit|bytespider|yisou|sogou|360spider|baidu/i;

/** Whether a request came from a search engine or a script rather than a reader's browser (read and ad counts skip them). */
export function isCrawler(userAgent: string | undefined): boolean {
  return !userAgent || CRAWLER.test(userAgent);
}

/**
 * New visitors counted from one address (an IPv6 client's /64:
 * countedAddress) per window. A visitor is only a
 * cookie the client chooses to send, so without a bound a script inventing one
 * per request would count a read each time; with it, one address adds at most
 * this many reads to an article per half hour. Fifty still lets an office, a
 * school or a mobile carrier's shared address count everyone likely to open
 * one local portal within the same half hour.
 */
export const READ_VISITORS_PER_ADDRESS = 50;

export interface ReadRequest {
  articleId: number;
  /** The visitor id the client kept from an earlier read (a cookie), if any. */
  visitorId: string | undefined;
  ip: string;
  userAgent: string | undefined;
}

export interface ReadOutcome {
  counted: boolean;
  counts: ArticleCounts;
  /** A visitor id for the client to keep and send with its next reads, when it sent none. */
  newVisitorId?: string;
}

/**
 * A reader opened an article readers may see (NotFound otherwise): the read
 * is counted unless a crawler sent it or the window and address bound refuse
 * it, in the database or, with several instances, in Redis (`buffer`, which
 * adds it to the database within a second). Returns the article's counts
 * after it.
 */
export async function countRead(db: Db, input: ReadRequest, now: Date, buffer?: CounterBuffer): Promise<ReadOutcome> {
  const article = await requireVisibleArticle(db, input.articleId, now);
  const address = countedAddress(input.ip);
  const { visitor, newVisitorId } = identifyVisitor(address, input);
  const remember = newVisitorId ? { newVisitorId } : {};
  if (isCrawler(input.userAgent)) return { counted: false, counts: article.counts, ...remember };
  const read = { articleId: article.id, visitor, ip: address };
  if (buffer) {
    const { counted, pendingReads } = await buffer.countRead(extended(read, { windowMs: READ_WINDOW_MINUTES * 60_000, visitorsPerAddress: READ_VISITORS_PER_ADDRESS }), now);
    // Reads in a batch being written at this moment are in neither figure; the next answer has them.
    return { counted, counts: extended(article.counts, { reads: article.counts.reads + pendingReads }), ...remember };
  }
  const counted = await recordRead(db, read, now);
  // The article as read above already has the counts unless this read moved them.
  const counts = counted ? ((await findArticleCounts(db, article.id)) ?? article.counts) : article.counts;
  return { counted, counts, ...remember };
}

/**
 * Who is reading: the visitor id the client kept, or, for a request without
 * one, a hash of its counted address and browser, which it is also given to
 * keep, so its next read is the same visitor. Without that fallback every
 * cookie-less request would be a new visitor and a script could count reads
 * at will; with it, one browser on one address, or anywhere in one IPv6 /64,
 * counts once per window whether or not it keeps cookies.
 */
function identifyVisitor(address: string, input: Pick<ReadRequest, 'visitorId' | 'userAgent'>): { visitor: string; newVisitorId?: string } {
  if (input.visitorId && /^[A-Za-z0-9_-]{16,64}$/.test(input.visitorId)) return { visitor: input.visitorId };
  const visitor = `anon-${createHash('sha256').update(`${address}|${input.userAgent ?? ''}`).digest('base64url').slice(0, 32)}`;
  return { visitor, newVisitorId: visitor };
}

interface ReadInput {
  articleId: number;
  /** A visitor id, or a hash of address and browser when there is none. */
  visitor: string;
  /** The counted address (countedAddress). */
  ip: string;
}

/**
 * Counts a read unless this visitor was counted for this article in the last
 * 30 minutes, or the address has already brought READ_VISITORS_PER_ADDRESS
 * other visitors in that time. Reads from one address are decided one at a
 * time, under a lock, so the bound is exact however many race; reads from
 * different addresses and visitors do not wait for each other on PostgreSQL.
 * Returns whether the read was counted.
 */
async function recordRead(db: Db, input: ReadInput, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - READ_WINDOW_MINUTES * 60_000).toISOString();
  await pruneReadMarks(db, windowStart, now);
  return db.transaction().execute(async (trx) => {
    await lockKeys(trx, [`reads:ip:${input.ip}`]);
    if (!(await hasRoomForVisitor(trx, input, windowStart))) return false;
    const marked = await trx
      .insertInto('article_read_marks')
      .values({ article_id: input.articleId, visitor: input.visitor, ip: input.ip, counted_at: now.toISOString() })
      .onConflict((oc) =>
        oc
          .columns(['article_id', 'visitor'])
          .doUpdateSet({ counted_at: now.toISOString(), ip: input.ip })
          .where('article_read_marks.counted_at', '<', windowStart),
      )
      .executeTakeFirst();
    if (Number(marked.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await addReads(trx, [[input.articleId, 1]], now);
    return true;
  });
}

/** Whether the visitor was already counted from this address in the window, or the address has room for one more. */
async function hasRoomForVisitor(db: Db, input: ReadInput, windowStart: string): Promise<boolean> {
  const fromAddress = db.selectFrom('article_read_marks').where('ip', '=', input.ip).where('counted_at', '>=', windowStart);
  const known = await fromAddress.select('visitor').where('visitor', '=', input.visitor).limit(1).executeTakeFirst();
  if (known) return true;
  const { visitors } = await fromAddress.select((eb) => eb.fn.count<number | string>('visitor').distinct().as('visitors')).executeTakeFirstOrThrow();
  return Number(visitors) < READ_VISITORS_PER_ADDRESS;
}

// A mark older than the window decides nothing any more; deleting them (at most once a minute per
// process) keeps the table to about one window's worth of visitors.
let lastPrunedAt = 0;
async function pruneReadMarks(db: Db, windowStart: string, now: Date): Promise<void> {
  if (now.getTime() - lastPrunedAt < 60_000) return;
  lastPrunedAt = now.getTime();
  await db.deleteFrom('article_read_marks').where('counted_at', '<', windowStart).execute();
}
