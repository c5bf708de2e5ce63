import { can } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/database.js';
import { conflict, forbidden } from '../lib/errors.js';
import { lazyPackage } from '../lib/lazy-package.js';
import { checkedAltText, getMediaItem, listMediaUses, type MediaItem, mediaSitePath, storedKeysOf } from '../media/index.js';
import type { Article } from './article.js';
import { type ArticleFields, sanitizeFields } from './article-fields.js';
import { findArticle } from './article-repo.js';
import { saveEdit } from './edit-articles.js';
import { auditActor, type StaffActor } from './staff-actor.js';
import { editableStatuses } from './workflow.js';

/** Loaded on the first change of an image's alt text: the server's only use of it outside the worker threads, which have their own. */
const sanitizeHtml = lazyPackage<typeof import('sanitize-html')>('sanitize-html');

/**
 * The body re-serialized with `alt` on every <img> showing the item (by its
 * original's or a variant's site path), or unchanged but re-serialized
 * without `alt`. sanitize-html only rewrites tags here, allowing everything:
 * the result is sanitized with the article policy when it is saved.
 */
function rewriteBody(bodyHtml: string, item: MediaItem, alt?: string): string {
  const paths = new Set(storedKeysOf(item).map(mediaSitePath));
  return sanitizeHtml()(bodyHtml, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: { img: (tagName, attribs) => ({ tagName, attribs: alt !== undefined && paths.has(attribs.src ?? '') ? { ...attribs, alt } : attribs }) },
  });
}

/** What must change in one article for the image to carry `alt`; nothing when it does already. */
function altEdit(article: Article, item: MediaItem, alt: string): Partial<ArticleFields> {
  const edit: Partial<ArticleFields> = {};
  if (article.leadImage?.mediaId === item.id && article.leadImage.alt !== alt) edit.leadImage = { mediaId: item.id, alt };
  const bodyHtml = rewriteBody(article.bodyHtml, item, alt);
  if (bodyHtml !== rewriteBody(article.bodyHtml, item)) edit.bodyHtml = bodyHtml;
  return edit;
}

/**
 * Gives an image a new 说明 (alt text) everywhere: in the library, as the
 * lead image's alt of every article that leads with it, and on every <img>
 * of it in article bodies. Each article changes through the ordinary edit
 * (saveEdit), so it gets a new version (a reviewer's pending approval of the
 * old text is refused as stale), a revision and its audit entry, and the
 * whole change is one transaction: all articles, or none.
 *
 * Throws Invalid 'content.image_alt_required' or 'media.alt_too_long';
 * NotFound 'media.not_found'; Forbidden 'media.alt_articles_locked' when an
 * article using it is one the person may not edit (an editor, and a published
 * article); Conflict 'content.article_changed' when one was saved meanwhile.
 */
export async function updateImageAlt(db: Db, mediaId: number, altText: string, actor: StaffActor, now: Date): Promise<{ item: MediaItem; articleIds: number[] }> {
  if (!can(actor.user.role, 'article.edit')) throw forbidden('auth.forbidden');
  const alt = checkedAltText(altText);
  const item = await getMediaItem(db, mediaId);
  const articleIds = (await listMediaUses(db, mediaId)).flatMap((use) => (use.kind === 'article' ? [use.articleId] : []));
  const articles = (await Promise.all(articleIds.map((id) => findArticle(db, id)))).filter((a): a is Article => a !== undefined);
  const edits = articles.map((article) => ({ article, requested: altEdit(article, item, alt) })).filter((e) => Object.keys(e.requested).length > 0);

  const editable = editableStatuses(can(actor.user.role, 'article.review'));
  const locked = edits.filter((e) => !editable.includes(e.article.status));
  if (locked.length > 0) {
    throw forbidden('media.alt_articles_locked', { count: locked.length, articles: locked.map((e) => ({ articleId: e.article.id, title: e.article.title })) });
  }
  // Bodies are sanitized in a worker before the transaction opens, so it is not held open while they wait.
  const sanitized = await Promise.all(edits.map((e) => sanitizeFields(e.requested)));

  await db.transaction().execute(async (trx) => {
    await trx.updateTable('media').set({ alt_text: alt }).where('id', '=', mediaId).execute();
    for (const [i, edit] of edits.entries()) {
      // The new body was made from the text read above: an edit saved since then would be lost.
      const current = await trx.selectFrom('articles').select('version').where('id', '=', edit.article.id).executeTakeFirst();
      if (current?.version !== edit.article.version) throw conflict('content.article_changed');
      await saveEdit(trx, edit.article.id, sanitized[i]!, actor, now);
    }
    const articleIds = edits.map((e) => e.article.id);
    await recordAudit(trx, { actor: auditActor(actor), action: 'media.update_alt', targetType: 'media', targetId: mediaId, details: { from: item.altText, to: alt, articles: articleIds } }, now);
  });
  return { item: { ...item, altText: alt }, articleIds: edits.map((e) => e.article.id) };
}
