import { type Article, checkBodyLimits, createArticle, MAX_TITLE_CHARS, SanitizedBody } from '../content/index.js';
import type { Db } from '../db/database.js';
import { invalid } from '../lib/errors.js';
import { recordLexiconHits, screenArticle, type ScreenText } from '../moderation/index.js';
import { importComments } from './import-comments.js';
import { findMapped, oldUrlKey, recordMapped, recordOldUrl } from './import-map.js';
import type { ReportEntry } from './import-report.js';
import { addParagraphs, dropShortcodes } from './post-body.js';
import { tagsOfPost } from './post-tags.js';
import type { LocalizedBody } from './import-images.js';
import type { WxrItem } from './wxr-records.js';
import { chinaDate, gmtDate, MAX_WORDPRESS_TEXT, plainText } from './wxr-values.js';

/** What a post becomes by its WordPress status; undefined when it is not imported, with the reason. */
export type StatusDecision = { status: 'published' | 'draft'; note?: string } | { skip: string };

export function articleStatusFor(item: Pick<WxrItem, 'status' | 'password'>): StatusDecision {
  if (item.status === 'publish' || item.status === 'future') {
    // A password-protected post was meant for a few readers: bendi has no such thing, so nobody sees it until staff decide.
    return item.password ? { status: 'draft', note: '有访问密码的文章，导入为草稿' } : { status: 'published' };
  }
  if (item.status === 'draft' || item.status === 'pending') return { status: 'draft' };
  if (item.status === 'private') return { skip: '私密文章，未导入' };
  if (item.status === 'trash') return { skip: '回收站里的文章，未导入' };
  return { skip: `状态为 ${item.status || '（空）'} 的文章，未导入` };
}

export interface PostContext {
  db: Db;
  source: string;
  screen: ScreenText;
  now: Date;
  authorId: number | undefined;
  authorName: string | null;
  categoryId: number;
  /** The post's body with its images brought in (see ImageLocalizer). */
  localize: (html: string) => Promise<LocalizedBody>;
}

export interface PostOutcome {
  article: Article;
  tags: string[];
  comments: number;
  imagesDownloaded: number;
  keptAsLinks: ReportEntry[];
  changes: string[];
}

/**
 * Imports one post with its comments, in one transaction with its place in
 * the import map and its old addresses: a post is there whole or not at all.
 * The body is prepared and sanitized before the transaction opens, since
 * downloads and the sanitizer's worker take time a transaction must not hold.
 *
 * A post the lexicon would stop ('reject' or 'hold' hits) is kept as a draft
 * for staff to read, as an editor's would be. Throws whatever the article's
 * own checks throw (a body too long, …): the caller reports it and goes on.
 */
export async function importPost(context: PostContext, item: WxrItem, decided: Exclude<StatusDecision, { skip: string }>): Promise<PostOutcome> {
  const { db, source, now } = context;
  const overlong = item.oversized ?? longerThanWordpressKeeps(item);
  if (overlong) throw invalid('import.field_too_long', { field: overlong });
  // Before any work on the body: what the limits would refuse once it is prepared is not worth preparing.
  checkBodyLimits(item.content);
  const changes = decided.note ? [decided.note] : [];
  const given = [...item.title.trim()];
  // Cut to what the API takes: a longer one could not be saved again by an editor.
  const title = given.slice(0, MAX_TITLE_CHARS).join('') || '（无标题）';
  if (given.length === 0) changes.push('原文没有标题，标题设为“（无标题）”');
  if (given.length > MAX_TITLE_CHARS) changes.push(`标题有 ${given.length} 字，超过 ${MAX_TITLE_CHARS} 字，已截短`);

  const localized = await context.localize(addParagraphs(dropShortcodes(item.content)));
  const body = await SanitizedBody.of(localized.html);
  const hits = await screenArticle(context.screen, { title, summary: '', editorNote: null, bodyHtml: body.html });
  let status = decided.status;
  if (status === 'published' && hits.some((h) => h.action === 'reject' || h.action === 'hold')) {
    status = 'draft';
    changes.push(`含有敏感词（${[...new Set(hits.map((h) => h.term))].join('、')}），导入为草稿，请审核后发布`);
  }
  const publishedAt = gmtDate(item.postDateGmt) ?? chinaDate(item.postDate) ?? now;
  const summary = plainText(item.excerpt).slice(0, 200);
  const tagged = tagsOfPost(item);
  changes.push(...tagged.changes);

  return db.transaction().execute(async (trx) => {
    const article = await createArticle(
      trx,
      {
        categoryId: context.categoryId,
        title,
        summary,
        bodyHtml: body,
        origin: 'original',
        author: context.authorName,
        status,
        tags: tagged.tags,
        publishedAt: status === 'published' ? publishedAt : null,
        publisher: status === 'published' && context.authorId !== undefined ? { id: context.authorId, ip: '' } : null,
        createdBy: context.authorId ?? null,
      },
      publishedAt < now ? publishedAt : now,
    );
    await recordMapped(trx, source, 'post', item.postId, article.id, now);
    await recordLexiconHits(trx, hits, { context: 'article', targetId: article.id, text: [title, body.html].join('\n') }, now);
    // A plain-permalink site's link is `/?p=ID` itself: each address once.
    const keys = new Set([item.link, `/?p=${item.postId}`].map(oldUrlKey).filter((key): key is string => key !== undefined));
    for (const key of keys) {
      if (!(await recordOldUrl(trx, key, article.id, now))) changes.push(`旧地址 ${key} 已属于另一篇导入的文章，未指向这篇`);
    }
    const comments = await importComments(trx, { source, screen: context.screen, now, articleId: article.id }, item.comments);
    changes.push(...comments.notes);
    return { article, tags: article.tags, comments: comments.imported, imagesDownloaded: localized.downloaded, keptAsLinks: localized.keptAsLinks, changes };
  });
}

/**
 * The first text of a post, its content aside, longer than WordPress keeps
 * (MAX_WORDPRESS_TEXT): its title, excerpt, terms or a comment. Only an
 * export made by hand has one, and it is refused before any work on it.
 */
function longerThanWordpressKeeps(item: WxrItem): string | undefined {
  const tooLong = (value: string) => value.length > MAX_WORDPRESS_TEXT;
  const { content: _content, oversized: _oversized, categories, comments, ...fields } = item;
  const field = Object.entries(fields).find(([, value]) => tooLong(value));
  if (field) return field[0];
  if (categories.some((term) => tooLong(term.name) || tooLong(term.nicename) || tooLong(term.domain))) return 'category';
  const commentField = comments.flatMap((comment) => Object.entries(comment)).find(([, value]) => tooLong(value));
  return commentField && `comment ${commentField[0]}`;
}

/** Whether the post was imported by an earlier run. */
export const findImportedPost = (db: Db, source: string, postId: string) => findMapped(db, source, 'post', postId);
