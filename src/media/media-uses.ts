import { type ExpressionBuilder, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { lockedRows } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import { MEDIA_URL_PREFIX } from './media-url.js';

export type MediaPlace = 'lead' | 'body';
export type TopicMediaPlace = 'banner' | 'intro';

/**
 * Something that shows an image: an article (as its lead image, in its
 * body, or both), a 专题 (as its banner, in its introduction, or both), an
 * ad, or a site setting (the logo, a QR code, the watermark image).
 */
export type MediaUse =
  | { kind: 'article'; articleId: number; title: string; status: string; places: MediaPlace[] }
  | { kind: 'topic'; topicId: number; title: string; status: string; places: TopicMediaPlace[] }
  | { kind: 'ad'; adId: number; title: string }
  | { kind: 'setting'; setting: string };

/**
 * A site setting that holds an image of the library is named …MediaId
 * (logoMediaId, watermarkMediaId), its value the image's id as JSON: how
 * the library finds them, and how saving settings knows which to check.
 */
const MEDIA_SETTING_SUFFIX = 'MediaId';
export const isMediaSetting = (key: string): boolean => key.endsWith(MEDIA_SETTING_SUFFIX);
/** The keys of isMediaSetting, as a LIKE pattern. */
const MEDIA_SETTINGS_PATTERN = `%${MEDIA_SETTING_SUFFIX}`;

const BODY_IMAGE = new RegExp(`<img\\b[^>]*?\\ssrc="${MEDIA_URL_PREFIX}([^"]+)"`, 'g');

/** The storage keys of this site's images in a sanitized body (the sanitizer always writes src="…" in double quotes). */
export function bodyMediaKeys(bodyHtml: string): string[] {
  return [...new Set([...bodyHtml.matchAll(BODY_IMAGE)].map((m) => m[1]!))];
}

/**
 * Whether a 专题's introduction shows the image stored under `storageKey`
 * (an SQL expression: a column or a subquery): found in the sanitized HTML by its site path, as
 * bodyMediaKeys finds an article's. Introductions are few and short, so they
 * are searched when asked rather than recorded like articles' uses. Keys hold
 * no LIKE wildcard (see isSafeMediaKey).
 */
function introShows(storageKey: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`topics.intro_html like ${`%src="${MEDIA_URL_PREFIX}`} || ${storageKey} || '"%'`;
}

/**
 * Locks against deletion the library's images a 专题's sanitized
 * introduction shows, until the transaction `trx` that saves it ends, as
 * lockMediaForUse does for a setting: a delete under way has committed by
 * then (and its image shows as a broken one, as in an article saved at that
 * moment), or waits and then finds the use.
 */
export async function lockIntroImages(trx: Db, introHtml: string): Promise<void> {
  const keys = bodyMediaKeys(introHtml);
  if (keys.length === 0) return;
  await lockedRows(trx, trx.selectFrom('media').select('id').where('storage_key', 'in', keys), 'key share').execute();
}

/**
 * Records which images an article shows, replacing what was recorded
 * before: call it in the transaction that saves the article's body or lead
 * image. Body images are found by their /media/ path; paths of files bendi
 * does not know are ignored.
 */
export async function recordMediaUses(db: Db, articleId: number, article: { leadImageId: number | null; bodyHtml: string }): Promise<void> {
  await db.deleteFrom('media_uses').where('article_id', '=', articleId).execute();
  const keys = bodyMediaKeys(article.bodyHtml);
  const bodyIds = keys.length === 0 ? [] : await db.selectFrom('media').select('id').where('storage_key', 'in', keys).execute();
  const rows = [
    ...(article.leadImageId === null ? [] : [{ media_id: article.leadImageId, article_id: articleId, place: 'lead' as const }]),
    ...bodyIds.map((m) => ({ media_id: m.id, article_id: articleId, place: 'body' as const })),
  ];
  if (rows.length > 0) await db.insertInto('media_uses').values(rows).execute();
}

/**
 * Everything that shows an image: the articles, newest first, each once
 * with every place it is shown in; then 专题, ads and site settings.
 */
export async function listMediaUses(db: Db, mediaId: number): Promise<MediaUse[]> {
  const inIntro = introShows(sql`(select storage_key from media where id = ${mediaId})`);
  const topics = await db
    .selectFrom('topics')
    .select(['id', 'title', 'status', 'banner_media_id', inIntro.as('in_intro')])
    .where((eb) => eb.or([eb('banner_media_id', '=', mediaId), inIntro]))
    .orderBy('id', 'desc')
    .execute();
  const ads = await db.selectFrom('ads').select(['id', 'title']).where('media_id', '=', mediaId).orderBy('id', 'desc').execute();
  const settings = await db
    .selectFrom('settings')
    .select('key')
    .where('key', 'like', MEDIA_SETTINGS_PATTERN)
    .where('value', '=', JSON.stringify(mediaId))
    .orderBy('key')
    .execute();
  return [
    ...(await listArticleUses(db, mediaId)),
    ...topics.map((t): MediaUse => {
      const places: TopicMediaPlace[] = [...(t.banner_media_id === mediaId ? ['banner' as const] : []), ...(t.in_intro ? ['intro' as const] : [])];
      return { kind: 'topic', topicId: t.id, title: t.title, status: t.status, places };
    }),
    ...ads.map((a): MediaUse => ({ kind: 'ad', adId: a.id, title: a.title })),
    ...settings.map((row): MediaUse => ({ kind: 'setting', setting: row.key })),
  ];
}

/** How many uses listMediaUses finds for image media.id, as one expression, so a page of the library counts them in its own query. */
export function countMediaUses(eb: ExpressionBuilder<Database, 'media'>): RawBuilder<number | string> {
  const articles = eb.selectFrom('media_uses').select((u) => u.fn.count('media_uses.article_id').distinct().as('n')).whereRef('media_uses.media_id', '=', 'media.id');
  const topics = eb
    .selectFrom('topics')
    .select((u) => u.fn.countAll().as('n'))
    .where((t) => t.or([t('topics.banner_media_id', '=', t.ref('media.id')), introShows(sql.ref('media.storage_key'))]));
  const ads = eb.selectFrom('ads').select((u) => u.fn.countAll().as('n')).whereRef('ads.media_id', '=', 'media.id');
  const settings = eb
    .selectFrom('settings')
    .select((u) => u.fn.countAll().as('n'))
    .where('settings.key', 'like', MEDIA_SETTINGS_PATTERN)
    .where('settings.value', '=', sql<string>`cast(${eb.ref('media.id')} as text)`);
  return sql<number | string>`${articles} + ${topics} + ${ads} + ${settings}`;
}

async function listArticleUses(db: Db, mediaId: number): Promise<MediaUse[]> {
  const rows = await db
    .selectFrom('media_uses')
    .innerJoin('articles', 'articles.id', 'media_uses.article_id')
    .select(['articles.id', 'articles.title', 'articles.status', 'media_uses.place'])
    .where('media_uses.media_id', '=', mediaId)
    .orderBy('articles.id', 'desc')
    .orderBy('media_uses.place')
    .execute();
  const uses = new Map<number, MediaUse & { kind: 'article' }>();
  for (const row of rows) {
    const use = uses.get(row.id) ?? { kind: 'article', articleId: row.id, title: row.title, status: row.status, places: [] };
    use.places.push(row.place);
    uses.set(row.id, use);
  }
  return [...uses.values()];
}

/**
 * The images of `ids` that are in the library, locked against deletion
 * until the transaction ends, as a foreign key locks what it points at: for
 * a use kept without one (a site setting). A delete that began first has
 * committed by the time this returns, and its image is not among them.
 */
export async function lockMediaForUse(trx: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await lockedRows(trx, trx.selectFrom('media').select('id').where('id', 'in', ids), 'key share').execute();
  return new Set(rows.map((row) => row.id));
}
