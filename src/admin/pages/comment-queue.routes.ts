import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { type CommentStatus, type CommentView, listModerationQueue, MODERATION_MOVES, type ModerationTarget, type QueueName } from '../../comments/index.js';
import { findArticle } from '../../content/index.js';
import { shownDateTime } from '../../lib/china-time.js';
import { type Lexicon, screenText } from '../../text/index.js';
import { am } from '../views/admin-messages.js';
import { CommentQueuePage, type QueueRow } from '../views/comment-queue.view.js';
import { hitSegments } from '../views/hit-segments.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';
import { pageLinks, withQuery } from './page-data.js';

const PAGE_SIZE = 50;
const QUEUES: QueueName[] = ['pending', 'reported', 'flagged', 'published', 'rejected'];
const DONE = ['published', 'rejected', 'deleted', 'ban'] as const;
type Done = (typeof DONE)[number];

/** What a row offers: the domain's moves, and keeping a published comment only when someone reported it. */
function targetsFor(comment: { status: CommentStatus; reportCount: number }): ModerationTarget[] {
  return MODERATION_MOVES[comment.status].filter((to) => to !== comment.status || comment.reportCount > 0);
}

const digits = { type: 'string', pattern: '^\\d{0,6}$' } as const;
const queueQuery = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: QUEUES },
    page: digits,
    done: { type: 'string', enum: DONE },
    n: digits,
  },
} as const;

interface QueueQuery {
  status?: QueueName;
  page?: string;
  done?: Done;
  n?: string;
}

function noticeFor(done: Done | undefined, n: number): string | undefined {
  if (!done) return undefined;
  return done === 'ban' ? am.comments.done.ban : am.comments.done[done](n);
}

/** Article titles by id, each article read once however many of its comments are on the page. */
async function articleTitles(deps: AppDeps, comments: CommentView[]): Promise<Map<number, string>> {
  const ids = [...new Set(comments.map((c) => c.articleId))];
  const articles = await Promise.all(ids.map((id) => findArticle(deps.db, id)));
  return new Map(ids.map((id, i) => [id, articles[i]?.title || am.list.untitled]));
}

function toRow(comment: CommentView, lexicon: Lexicon, titles: Map<number, string>): QueueRow {
  const { hits } = screenText(lexicon, comment.body);
  const distinct = new Map(hits.map((h) => [`${h.matched}\u0000${h.action}`, { matched: h.matched, action: h.action }]));
  return {
    id: comment.id,
    readerId: comment.readerId,
    nickname: comment.nickname,
    replyToNickname: comment.replyToNickname,
    body: hitSegments(comment.body, hits),
    hits: [...distinct.values()],
    articleId: comment.articleId,
    articleTitle: titles.get(comment.articleId) ?? am.list.untitled,
    ipRegion: comment.ipRegion,
    time: shownDateTime(comment.createdAt),
    status: comment.status,
    flagged: comment.flagged,
    reportCount: comment.reportCount,
    targets: targetsFor(comment),
  };
}

/**
 * The moderation queue: comments of one tab, each screened again with the
 * current lexicon so the words that caught it are marked. Approving,
 * rejecting, deleting and banning go through the JSON API from the page's script.
 */
export function registerCommentQueuePage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: QueueQuery }>(
    '/admin/comments',
    { preHandler: staffPage(deps, 'comments.moderate'), schema: { querystring: queueQuery } },
    async (request, reply) => {
      const queue = request.query.status ?? 'pending';
      const page = Number(request.query.page) || 1;
      // One more than a page, to know whether there is a next page without counting the queue.
      const [comments, lexicon, chrome] = await Promise.all([
        listModerationQueue(deps.db, queue, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE),
        deps.lexicon.lexicon(),
        adminChrome(deps, request, am.comments.title, 'admin'),
      ]);
      const shown = comments.slice(0, PAGE_SIZE);
      const titles = await articleTitles(deps, shown);
      const view = CommentQueuePage({
        chrome,
        queue,
        tabs: QUEUES.map((q) => ({ queue: q, href: withQuery('/admin/comments', { status: q === 'pending' ? undefined : q }), current: q === queue })),
        rows: shown.map((c) => toRow(c, lexicon, titles)),
        pages: pageLinks('/admin/comments', { status: queue === 'pending' ? undefined : queue }, page, undefined, comments.length > PAGE_SIZE),
        notice: noticeFor(request.query.done, Number(request.query.n) || 0),
      });
      return sendAdminPage(reply, view);
    },
  );
}
