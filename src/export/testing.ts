import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.js';
import { replaceSections } from '../topics/index.js';
import {
  EXPORT_FILES,
  type ExportedAd,
  type ExportedArticle,
  type ExportedCategory,
  type ExportedComment,
  type ExportedMedia,
  type ExportedReader,
  type ExportedSetting,
  type ExportedTag,
  type ExportedTopic,
  type ExportedUser,
  type ExportKind,
} from './export-format.js';

export interface ExportRecords {
  users: ExportedUser[];
  media: ExportedMedia[];
  categories: ExportedCategory[];
  tags: ExportedTag[];
  settings: ExportedSetting[];
  readers: ExportedReader[];
  articles: ExportedArticle[];
  comments: ExportedComment[];
  topics: ExportedTopic[];
  ads: ExportedAd[];
}

/** Every record of an export, read whole: for tests, whose exports are small. */
export function exportFiles(dir: string): ExportRecords {
  const read = (kind: ExportKind) =>
    fs
      .readFileSync(path.join(dir, EXPORT_FILES[kind]), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown);
  return Object.fromEntries(Object.keys(EXPORT_FILES).map((kind) => [kind, read(kind as ExportKind)])) as unknown as ExportRecords;
}

/**
 * An export with each id replaced by the record's place in its file, and
 * each reference by the place of the record it names: two exports of the
 * same site made from different databases compare equal.
 */
export function normalizedExport(dir: string): ExportRecords {
  const records = exportFiles(dir);
  const places = (list: Array<{ id: number }>) => new Map(list.map((r, i) => [r.id, i]));
  const [article, comment, reader] = [places(records.articles), places(records.comments), places(records.readers)];
  const place = (map: Map<number, number>, id: number | null) => (id === null ? null : (map.get(id) ?? `unknown ${id}`));
  const numbered = <T extends { id: number }>(list: T[]) => list.map((r, i) => ({ ...r, id: i }));
  return {
    ...records,
    users: numbered(records.users),
    media: numbered(records.media),
    categories: numbered(records.categories),
    readers: numbered(records.readers),
    articles: numbered(records.articles),
    comments: records.comments.map((c, i) => ({
      ...c,
      id: i,
      article: place(article, c.article) as number,
      parent: place(comment, c.parent) as number | null,
      reader: place(reader, c.reader) as number,
      replyToReader: place(reader, c.replyToReader) as number | null,
    })),
    topics: records.topics.map((topic, i) => ({
      ...topic,
      id: i,
      sections: topic.sections.map((section) => ({ ...section, articles: section.articles.map((id) => place(article, id) as number) })),
    })),
    ads: numbered(records.ads),
  };
}

/** Text that must survive every format: a CDATA end, markup that would run, quotes and ampersands. */
export const TRICKY_TEXT = ']]> <script>alert(1)</script> & "引号"';

/**
 * What the demo site lacks for a full export: readers with a thread of
 * comments (a reply, one waiting, one rejected), articles in other states,
 * text with CDATA ends, and secret settings that must not travel.
 */
export async function addCommentsAndSecrets(db: Db): Promise<void> {
  const now = new Date().toISOString();
  const articles = await db.selectFrom('articles').select('id').orderBy('id').execute();
  const [commented, drafted, withdrawn] = articles.map((a) => a.id);
  const reader = async (phone: string, nickname: string) =>
    (await db.insertInto('readers').values({ phone, nickname, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  const wang = await reader('13800000001', '老王');
  const li = await reader('13800000002', '小李');
  const comment = async (values: { reader: number; body: string; status: 'published' | 'pending' | 'rejected'; parent?: number; replyTo?: number }) =>
    (
      await db
        .insertInto('comments')
        .values({
          article_id: commented!,
          reader_id: values.reader,
          parent_id: values.parent ?? null,
          reply_to_reader_id: values.replyTo ?? null,
          body: values.body,
          status: values.status,
          ip: '203.0.113.9',
          ip_region: '浙江',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const top = await comment({ reader: wang, body: '沿江步道修好了，晚上散步的人多了。', status: 'published' });
  await comment({ reader: li, body: `同意！${TRICKY_TEXT}`, status: 'published', parent: top, replyTo: wang });
  await comment({ reader: li, body: '等审核的一条', status: 'pending' });
  await comment({ reader: wang, body: '被拒绝的一条', status: 'rejected' });
  await db.updateTable('articles').set({ comment_count: 2 }).where('id', '=', commented!).execute();
  await db.updateTable('articles').set({ status: 'draft', published_at: null, title: `草稿：${TRICKY_TEXT}` }).where('id', '=', drafted!).execute();
  await db.updateTable('articles').set({ status: 'withdrawn', status_reason: '信息有误，已撤回' }).where('id', '=', withdrawn!).execute();
  for (const [key, value] of [
    ['sms.accessKeyId', 'LTAI-demo'],
    ['sms.accessKeySecret', 'SECRET-VALUE'],
    ['searchPush.baiduToken', 'SECRET-VALUE'],
  ]) {
    await db.insertInto('settings').values({ key: key!, value: JSON.stringify(value), updated_at: now }).execute();
  }
}

/**
 * What the demo site lacks of the newer features: a published 专题 with a
 * banner, a section of picked articles and a section filled by a tag, and an
 * image ad shown on two categories with two days of figures.
 */
export async function addTopicAndAd(db: Db): Promise<{ topicTitle: string; adTitle: string }> {
  const now = new Date().toISOString();
  const [first, second, third] = (await db.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').limit(3).execute()).map((a) => a.id);
  const [banner, adImage] = (await db.selectFrom('media').select('id').orderBy('id').limit(2).execute()).map((m) => m.id);
  const tag = (await db.selectFrom('tags').select('name').orderBy('id').executeTakeFirstOrThrow()).name;
  const categories = (await db.selectFrom('categories').select('id').orderBy('id').limit(2).execute()).map((c) => c.id);
  const editor = (await db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const topicTitle = `江滨步道改造专题 ${TRICKY_TEXT}`;
  const topic = await db
    .insertInto('topics')
    .values({
      slug: 'riverside-walk',
      title: topicTitle,
      banner_media_id: banner!,
      banner_alt: '改造后的江滨步道',
      intro_html: '<p>步道改造的来龙去脉。</p>',
      position: 1,
      show_on_home: 1,
      status: 'published',
      published_at: now,
      created_by: editor,
      updated_by: editor,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceSections(db, topic.id, [
    { title: '报道', articleIds: [second!, first!, third!], tag: null, tagLimit: 0 },
    { title: '相关', articleIds: [], tag, tagLimit: 10 },
  ]);
  const adTitle = '周末采摘节';
  const ad = await db
    .insertInto('ads')
    .values({
      slot: 'sidebar',
      title: adTitle,
      body: '',
      media_id: adImage!,
      link_url: 'https://example.com/caizhai?from=bendi&a=1',
      weight: 3,
      starts_at: now,
      ends_at: null,
      enabled: 1,
      targets_categories: 1,
      created_by: editor,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('ad_categories').values(categories.map((category_id) => ({ ad_id: ad.id, category_id }))).execute();
  await db
    .insertInto('ad_daily_stats')
    .values([
      { ad_id: ad.id, day: '2026-11-30', impressions: 120, clicks: 7 },
      { ad_id: ad.id, day: '2026-12-01', impressions: 95, clicks: 3 },
    ])
    .execute();
  return { topicTitle, adTitle };
}
