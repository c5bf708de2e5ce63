import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../db/database.js';
import { toDate } from '../lib/db-values.js';
import type { Clock } from '../lib/clock.js';
import { invalid } from '../lib/errors.js';
import type { MediaStorage } from '../media/index.js';
import { getSiteSettings } from '../site/index.js';
import {
  EXPORT_FILES,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportedAd,
  type ExportedArticle,
  type ExportedComment,
  type ExportedMedia,
  type ExportedSetting,
  type ExportedTopicSection,
  type ExportKind,
  type ExportManifest,
  MANIFEST_FILE,
  MEDIA_DIR,
  WXR_FILE,
} from './export-format.js';
import { LineWriter } from './line-writer.js';
import { adRecord, articleRecord, commentRecord, mediaRecord, readerRecord, topicRecord, userRecord } from './export-records.js';
import { WxrWriter } from './wxr-writer.js';

/** Rows read at once: a page of a big table, never the table. */
const PAGE = 200;

/** How far an export has got, for a progress bar: `done` of `total` in one phase. */
export interface ExportStep {
  phase: 'media' | 'articles';
  done: number;
  total: number;
}

export interface ExportSiteInput {
  dir: string;
  /** The site's public address, for the WordPress file's links and image addresses. */
  baseUrl: string;
  /** Secrets (SMS keys, push tokens) are left out unless asked for: an export is a file that travels. */
  withSecrets?: boolean;
  withRevisions?: boolean;
  onStep?: (step: ExportStep) => void;
}

export interface ExportOutcome {
  manifest: ExportManifest;
  /** Media files the database names but the store does not have: reported, the export goes on. */
  missingFiles: string[];
  bytes: number;
}

/** Settings whose values open accounts elsewhere: the SMS provider's secret, a search engine's push token. */
export const isSecretSetting = (key: string) => /secret|token|password/i.test(key);

/**
 * Writes the whole site into `dir` (new or empty): one JSON-lines file per
 * kind of record (see export-format.ts), the media files under media/ with
 * their storage keys as paths, a WordPress file (WXR 1.2) of the same
 * content, and last manifest.json, which marks the export complete.
 *
 * Reads a page of rows at a time and streams every file, so a large site
 * needs no more memory than a small one. Throws Invalid
 * 'export.dir_not_empty' or 'export.dir_unwritable' before writing anything.
 */
export async function exportSite(deps: { db: Db; storage: MediaStorage; clock: Clock }, input: ExportSiteInput): Promise<ExportOutcome> {
  const { db, storage } = deps;
  const dir = path.resolve(input.dir);
  await prepareEmptyDir(dir);
  const exportedAt = deps.clock();
  const site = await getSiteSettings(db);
  const maxArticle = await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const mediaUrl = (key: string) => {
    const url = storage.urlFor(key);
    return url.startsWith('/') ? `${input.baseUrl}${url}` : url;
  };
  const wxr = new WxrWriter(path.join(dir, WXR_FILE), { name: site.siteName, tagline: site.tagline, baseUrl: input.baseUrl, exportedAt }, Number(maxArticle?.id ?? 0), mediaUrl);
  const writers = Object.fromEntries(Object.entries(EXPORT_FILES).map(([kind, file]) => [kind, new LineWriter(path.join(dir, file))])) as Record<ExportKind, LineWriter>;
  await wxr.start();

  const users = await db.selectFrom('users').selectAll().orderBy('id').execute();
  const usernames = new Map(users.map((u) => [u.id, u.username]));
  const username = (id: number | null) => (id === null ? null : (usernames.get(id) ?? null));
  for (const user of users) {
    const record = userRecord(user);
    await writers.users.record(record);
    await wxr.author(record);
  }

  const categories = await db.selectFrom('categories').selectAll().orderBy('parent_id', (ob) => ob.nullsFirst()).orderBy('position').orderBy('id').execute();
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  for (const category of categories) {
    const record = {
      id: category.id,
      slug: category.slug,
      name: category.name,
      parent: category.parent_id === null ? null : (categoryById.get(category.parent_id)?.slug ?? null),
      position: category.position,
      createdAt: toDate(category.created_at).toISOString(),
    };
    await writers.categories.record(record);
    await wxr.category(record);
  }

  for await (const tags of pages((after) => db.selectFrom('tags').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute())) {
    for (const tag of tags) {
      await writers.tags.record({ name: tag.name });
      await wxr.tag(tag.name, tag.id);
    }
  }

  for (const setting of await exportedSettings(db, input.withSecrets ?? false)) await writers.settings.record(setting);

  const missingFiles: string[] = [];
  const mediaTotal = Number((await db.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let mediaDone = 0;
  let mediaFiles = 0;
  input.onStep?.({ phase: 'media', done: 0, total: mediaTotal });
  for await (const rows of pages((after) => db.selectFrom('media').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute())) {
    for (const row of rows) {
      const record: ExportedMedia = mediaRecord(row, username(row.uploaded_by));
      for (const key of [record.storageKey, ...record.variants.map((v) => v.key)]) {
        if (await copyMediaFile(storage, key, dir)) mediaFiles++;
        else missingFiles.push(key);
      }
      await writers.media.record(record);
      await wxr.attachment(record);
      input.onStep?.({ phase: 'media', done: ++mediaDone, total: mediaTotal });
    }
  }

  for await (const readers of pages((after) => db.selectFrom('readers').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute())) {
    for (const reader of readers) await writers.readers.record(readerRecord(reader));
  }

  const articleTotal = Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let articlesDone = 0;
  input.onStep?.({ phase: 'articles', done: 0, total: articleTotal });
  const leadKeys = new Map<number, string>();
  for await (const rows of pages((after) => db.selectFrom('articles').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute())) {
    const ids = rows.map((r) => r.id);
    const extras = await articleExtras(db, ids, input.withRevisions ?? false, username);
    const leadIds = rows.map((r) => r.lead_image_id).filter((id): id is number => id !== null && !leadKeys.has(id));
    for (const [id, key] of await storageKeys(db, leadIds)) leadKeys.set(id, key);
    for (const row of rows) {
      const category = categoryById.get(row.category_id);
      const record: ExportedArticle = articleRecord(row, {
        category: category?.slug ?? '',
        leadImageKey: row.lead_image_id === null ? undefined : leadKeys.get(row.lead_image_id),
        tags: extras.tags.get(row.id) ?? [],
        username,
        revisions: extras.revisions?.get(row.id),
      });
      await writers.articles.record(record);
      const comments = extras.comments.get(row.id) ?? [];
      for (const { comment } of comments) await writers.comments.record(comment);
      await wxr.post(record, category?.name ?? '', comments, record.leadImage ? row.lead_image_id : null);
      input.onStep?.({ phase: 'articles', done: ++articlesDone, total: articleTotal });
    }
  }

  // Not in the WordPress file: WordPress has no 专题 or 广告位 of its own to bring them back into.
  await exportTopics(db, writers.topics, username);
  const categorySlug = (id: number) => categoryById.get(id)?.slug;
  await exportAds(db, writers.ads, username, categorySlug);

  for (const writer of Object.values(writers)) await writer.close();
  await wxr.finish();
  const counts = Object.fromEntries(Object.entries(writers).map(([kind, writer]) => [kind, writer.count])) as Record<ExportKind, number>;
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportId: randomUUID(),
    exportedAt: exportedAt.toISOString(),
    siteName: site.siteName,
    withSecrets: input.withSecrets ?? false,
    withRevisions: input.withRevisions ?? false,
    counts: { ...counts, mediaFiles },
    files: EXPORT_FILES,
  };
  await fsp.writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, missingFiles, bytes: await directorySize(dir) };
}

/** Pages of a table in id order: `read(after)` returns the rows after the id `after`. */
async function* pages<Row extends { id: number }>(read: (after: number) => Promise<Row[]>): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

async function prepareEmptyDir(dir: string): Promise<void> {
  let entries: string[];
  try {
    await fsp.mkdir(dir, { recursive: true });
    entries = await fsp.readdir(dir);
    await fsp.access(dir, fs.constants.W_OK);
  } catch (error) {
    throw invalid('export.dir_unwritable', { dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  if (entries.length > 0) throw invalid('export.dir_not_empty', { dir });
}

/** Every setting, secrets only when asked; a setting that names an image carries the image's storage key. */
async function exportedSettings(db: Db, withSecrets: boolean): Promise<ExportedSetting[]> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
  const kept = rows.filter((row) => withSecrets || !isSecretSetting(row.key)).map((row) => ({ key: row.key, value: JSON.parse(row.value) as unknown }));
  const keys = await storageKeys(db, kept.filter((s) => s.key.endsWith('MediaId') && typeof s.value === 'number').map((s) => s.value as number));
  return kept.map((setting) => {
    const mediaKey = typeof setting.value === 'number' ? keys.get(setting.value) : undefined;
    return setting.key.endsWith('MediaId') && mediaKey ? { key: setting.key, value: null, mediaKey } : setting;
  });
}

/** The storage keys of the media files with these ids: how records name images, as ids change on import. */
async function storageKeys(db: Db, mediaIds: number[]): Promise<Map<number, string>> {
  if (mediaIds.length === 0) return new Map();
  const rows = await db.selectFrom('media').select(['id', 'storage_key']).where('id', 'in', [...new Set(mediaIds)]).execute();
  return new Map(rows.map((m) => [m.id, m.storage_key]));
}

/** Every 专题 with its sections; a section's picked articles by their ids, which articles.jsonl holds. */
async function exportTopics(db: Db, writer: LineWriter, username: (id: number | null) => string | null): Promise<void> {
  for await (const rows of pages((after) => db.selectFrom('topics').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute())) {
    const ids = rows.map((r) => r.id);
    const bannerKeys = await storageKeys(db, rows.map((r) => r.banner_media_id).filter((id): id is number => id !== null));
    const sectionRows = await db.selectFrom('topic_sections').selectAll().where('topic_id', 'in', ids).orderBy('topic_id').orderBy('position').execute();
    const pickRows =
      sectionRows.length === 0
        ? []
        : await db
            .selectFrom('topic_articles')
            .select(['section_id', 'article_id'])
            .where('section_id', 'in', sectionRows.map((s) => s.id))
            .orderBy('section_id')
            .orderBy('position')
            .execute();
    const picks = group(pickRows, (r) => r.section_id, (r) => r.article_id);
    const sections = group(sectionRows, (r) => r.topic_id, (r): ExportedTopicSection => ({
      title: r.title,
      articles: picks.get(r.id) ?? [],
      tag: r.tag_name,
      tagLimit: r.tag_limit,
    }));
    for (const row of rows) {
      const bannerKey = row.banner_media_id === null ? undefined : bannerKeys.get(row.banner_media_id);
      await writer.record(topicRecord(row, { bannerKey, sections: sections.get(row.id) ?? [], username }));
    }
  }
}

/** Every ad with its categories (by slug) and its figures per day. */
async function exportAds(db: Db, writer: LineWriter, username: (id: number | null) => string | null, categorySlug: (id: number) => string | undefined): Promise<void> {
  for await (const rows of pages((after) => db.selectFrom('ads').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute())) {
    const ids = rows.map((r) => r.id);
    const imageKeys = await storageKeys(db, rows.map((r) => r.media_id).filter((id): id is number => id !== null));
    const categoryRows = await db.selectFrom('ad_categories').selectAll().where('ad_id', 'in', ids).orderBy('ad_id').orderBy('category_id').execute();
    const categories = group(categoryRows, (r) => r.ad_id, (r) => categorySlug(r.category_id) ?? '');
    const dayRows = await db.selectFrom('ad_daily_stats').selectAll().where('ad_id', 'in', ids).orderBy('ad_id').orderBy('day').execute();
    const days = group(dayRows, (r) => r.ad_id, (r): ExportedAd['days'][number] => ({ day: r.day, impressions: r.impressions, clicks: r.clicks }));
    for (const row of rows) {
      const imageKey = row.media_id === null ? null : (imageKeys.get(row.media_id) ?? null);
      await writer.record(adRecord(row, { imageKey, categories: (categories.get(row.id) ?? []).sort(), days: days.get(row.id) ?? [], username }));
    }
  }
}

/** One page of articles' tags, comments (with their readers' nicknames, for the WordPress file) and revisions. */
async function articleExtras(db: Db, ids: number[], withRevisions: boolean, username: (id: number | null) => string | null) {
  const tagRows = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.name'])
    .where('article_tags.article_id', 'in', ids)
    .orderBy('article_tags.article_id')
    .orderBy('article_tags.position')
    .execute();
  const tags = group(tagRows, (r) => r.article_id, (r) => r.name);
  const commentRows = await db
    .selectFrom('comments')
    .innerJoin('readers', 'readers.id', 'comments.reader_id')
    .selectAll('comments')
    .select('readers.nickname')
    .where('comments.article_id', 'in', ids)
    .orderBy('comments.article_id')
    .orderBy('comments.id')
    .execute();
  const comments = group(commentRows, (r) => r.article_id, (r): { comment: ExportedComment; nickname: string } => ({ comment: commentRecord(r), nickname: r.nickname }));
  if (!withRevisions) return { tags, comments, revisions: undefined };
  const revisionRows = await db.selectFrom('article_revisions').selectAll().where('article_id', 'in', ids).orderBy('article_id').orderBy('id').execute();
  const revisions = group(revisionRows, (r) => r.article_id, (r) => ({
    title: r.title,
    bodyHtml: r.body_html,
    editor: username(r.editor_id),
    createdAt: toDate(r.created_at).toISOString(),
  }));
  return { tags, comments, revisions };
}

function group<Row, Value>(rows: Row[], keyOf: (row: Row) => number, valueOf: (row: Row) => Value): Map<number, Value[]> {
  const groups = new Map<number, Value[]>();
  for (const row of rows) {
    const list = groups.get(keyOf(row)) ?? [];
    list.push(valueOf(row));
    groups.set(keyOf(row), list);
  }
  return groups;
}

/** Copies one stored file to media/<key> in the export; false when the store does not have it. */
async function copyMediaFile(storage: MediaStorage, key: string, dir: string): Promise<boolean> {
  const file = await storage.open(key);
  if (!file) return false;
  const target = path.join(dir, MEDIA_DIR, key);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await pipeline(file.body, fs.createWriteStream(target, { flags: 'wx' }));
  return true;
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await fsp.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

